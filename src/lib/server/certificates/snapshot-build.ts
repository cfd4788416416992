import type { CertificateSnapshot } from '../../certificates/snapshot.ts';
import { todayInMexico } from '../../format.ts';
import type { Standing } from '../hours/standing.ts';
import type { CertificateContext } from './context.ts';

/**
 * Everything the certificate prints, frozen (src/lib/certificates/snapshot.ts). Pure: the caller
 * reads the person, the standing (sums of the ledger) and the kept quiz grades. The final grade
 * is the mean of the modules' kept quiz grades weighted by the module's hours; a module without
 * a graded quiz (none, or one waived by an exception) is left out of the mean.
 */
export function buildSnapshot(input: SnapshotInput): CertificateSnapshot {
  const { context, standing } = input;
  const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
  const modules = standing.modules.map((m) => ({
    number: m.number,
    title: m.title,
    requiredHours: hours(m.requiredMinutes),
    creditedHours: hours(m.creditedMinutes),
    grade: input.grades.get(m.slug) ?? null,
  }));
  let weighted = 0;
  let weight = 0;
  for (const [i, m] of modules.entries()) {
    if (m.grade === null) continue;
    const minutes = standing.modules[i]?.requiredMinutes ?? 0;
    weighted += m.grade * minutes;
    weight += minutes;
  }
  const program = context.program;
  return {
    folio: input.folio,
    verificationCode: input.verificationCode,
    verificationUrl: `${context.origin}/verificar/${input.verificationCode}`,
    person: { fullName: input.person.fullName, curp: input.person.curp },
    program: {
      slug: program.slug,
      title: program.title,
      edition: program.edition,
      contentHash: context.contentHash,
      institutions: [...program.institutions],
      totalHours: program.totalHours,
    },
    cohort: { name: input.cohort.name, startsOn: input.cohort.startsOn, endsOn: input.cohort.endsOn },
    hours: { total: hours(standing.creditedMinutes), modules },
    finalGrade: weight > 0 ? Math.round((weighted / weight) * 10_000) / 10_000 : null,
    signatories: program.certificate.signatories.map((s) => ({ name: s.name, title: s.title, institution: s.institution })),
    issuedOn: todayInMexico(input.issuedAt),
    issuedAt: input.issuedAt.toISOString(),
    issuer: { name: input.issuerName },
    replaces: input.replaces,
  };
}

export interface SnapshotInput {
  context: CertificateContext;
  person: { fullName: string; curp: string | null };
  cohort: { name: string; startsOn: string; endsOn: string };
  standing: Standing;
  /** module slug → kept quiz grade 0..1 (modules with a graded quiz only). */
  grades: ReadonlyMap<string, number>;
  folio: string;
  verificationCode: string;
  issuedAt: Date;
  issuerName: string;
  replaces: string | null;
}
