/**
 * Everything a certificate prints, frozen when it is issued (issue 14; DESIGN.md, "Certificates
 * are immutable records"). Stored as JSON beside the PDF's bytes and the signed credential; the
 * PDF template (certificates/pdf.ts) and the Open Badges credential (certificates/credential.ts)
 * are both built from it and from nothing else, so a later change to a name, the content or a
 * template never changes an issued certificate.
 */
export interface CertificateSnapshot {
  /** "DIF-2026-00042" */
  folio: string;
  /** The random code of the public verification page. */
  verificationCode: string;
  /** The absolute URL the QR code points to: `<origin>/verificar/<code>`. */
  verificationUrl: string;
  person: {
    fullName: string;
    /** Printed when known; never shown on the public verification page. */
    curp: string | null;
  };
  program: {
    slug: string;
    title: string;
    /** program.yaml `edition`, e.g. "Edición 2026 (LFT: última reforma DOF 14-05-2026)". */
    edition: string;
    /** SHA-256 (hex) of the course content the learner studied: the curriculum edition. */
    contentHash: string;
    institutions: string[];
    /** The program's hours (120). */
    totalHours: number;
  };
  cohort: {
    name: string;
    /** YYYY-MM-DD */
    startsOn: string;
    endsOn: string;
  };
  /** Credited hours, from the ledger (hours, two decimals at most). */
  hours: {
    total: number;
    modules: {
      number: number;
      title: string;
      /** The module's hours in the program. */
      requiredHours: number;
      creditedHours: number;
      /** The kept quiz grade, 0..1; null when the module has no quiz. */
      grade: number | null;
    }[];
  };
  /** The mean of the modules' kept quiz grades weighted by module hours, 0..1. */
  finalGrade: number | null;
  signatories: { name: string; title: string; institution: string }[];
  /** YYYY-MM-DD in Mexico City, and the instant. */
  issuedOn: string;
  issuedAt: string;
  /** The coordinator or admin who issued it. */
  issuer: { name: string };
  /** The folio this certificate replaces, when it is a reissue. */
  replaces: string | null;
}
