import type { ProgramData } from '../../content/schemas.ts';
import type { StandingContext } from '../hours/standing.ts';

/**
 * What issuing a certificate reads besides the database: the program's rules and print data
 * (content/program.yaml), its hours plan and quizzes, the curriculum's content hash, and the
 * public origin the QR code points to. The server builds it from the catalog
 * (certificates/server-context.ts); tests and scripts from the content files.
 */
export interface CertificateContext extends Omit<StandingContext, 'certificate' | 'now'> {
  program: Pick<ProgramData, 'slug' | 'title' | 'edition' | 'institutions' | 'totalHours' | 'certificate'>;
  /** SHA-256 (hex) of the content/ folder: the curriculum edition printed. */
  contentHash: string;
  /** `https://aula.example.mx`, without a trailing slash. */
  origin: string;
  /**
   * Module slug → its number of practice inspections (practice/inspection-catalog.ts), so what is
   * missing names the inspections still to pass, as the learner home does. Absent: not named.
   */
  practice?: ReadonlyMap<string, number>;
}

/** The standing rules the eligibility reads (program.yaml `certificate`). */
export function standingContextOf(context: CertificateContext, now: Date): StandingContext {
  return {
    plan: context.plan,
    quizzes: context.quizzes,
    prerequisites: context.prerequisites,
    certificate: context.program.certificate,
    now,
  };
}
