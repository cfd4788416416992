import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as vc from '@digitalbazaar/vc';
import { t } from '../../../i18n/index.ts';
import type { CertificateSnapshot } from '../../certificates/snapshot.ts';
import { formatNumber } from '../../format.ts';
import { templatedCryptosuite } from './credential-canonize.ts';
import { documentLoader, OPEN_BADGES_CONTEXT, VC_V2_CONTEXT } from './credential-loader.ts';
import type { SigningKey } from './signing-key-material.ts';

/**
 * A certificate as an Open Badges 3.0 `OpenBadgeCredential` with an embedded Data Integrity proof
 * (`eddsa-rdfc-2022`), built from its snapshot and nothing else (issue 14;
 * docs/decisions/018-signed-credentials.md). No database here, so the render worker
 * (render-worker.ts) signs with the same code; credential.ts adds what reads the database.
 */

/** The path of status list `n` (one per signing key), under the site's origin (pages/credenciales/estado/[id].ts). */
export function statusListPath(n: number): string {
  return `/credenciales/estado/${n}`;
}

/** The unsigned credential. */
export function buildCredential(snapshot: CertificateSnapshot, options: BuildOptions): Credential {
  const { issuerDid, statusListUrl, statusListIndex, origin } = options;
  const { person, program, cohort, hours } = snapshot;
  const narrative = [
    t('credential.subject.narrative', {
      hours: formatNumber(hours.total),
      cohort: cohort.name,
      startsOn: cohort.startsOn,
      endsOn: cohort.endsOn,
      folio: snapshot.folio,
    }),
    snapshot.finalGrade === null ? '' : t('credential.subject.grade', { grade: formatGrade(snapshot.finalGrade) }),
  ];
  return {
    '@context': [VC_V2_CONTEXT, OPEN_BADGES_CONTEXT],
    id: snapshot.verificationUrl,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerDid, type: ['Profile'], name: t('credential.issuer.name'), url: origin },
    validFrom: snapshot.issuedAt,
    name: t('credential.name', { program: program.title }),
    credentialSubject: {
      type: ['AchievementSubject'],
      // The holder has no DID (inspectors carry no wallet), so the name is what ties the credential
      // to the person, as on the PDF and the public page. The CURP is left out: it is in no
      // public view of a certificate, and a hash of it could be guessed from name and birth date.
      name: person.fullName,
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: person.fullName }],
      activityStartDate: startOfDayInMexico(cohort.startsOn),
      activityEndDate: startOfDayInMexico(cohort.endsOn),
      narrative: narrative.filter(Boolean).join(' '),
      achievement: {
        id: `${origin}/diplomado/${program.slug}`,
        type: ['Achievement'],
        achievementType: 'Diploma',
        name: program.title,
        description: t('credential.achievement.description', {
          edition: program.edition,
          institutions: program.institutions.join(', '),
        }),
        criteria: {
          narrative: t('credential.criteria.narrative', {
            hours: formatNumber(program.totalHours),
            modules: hours.modules
              .map((m) => t('credential.criteria.module', { number: m.number, title: m.title, hours: formatNumber(m.requiredHours) }))
              .join('; '),
          }),
        },
        version: program.contentHash,
      },
    },
    credentialStatus: {
      id: `${statusListUrl}#${statusListIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(statusListIndex),
      statusListCredential: statusListUrl,
    },
  };
}

/**
 * Where a certificate's credential (and its proof options) differ from one certificate to the
 * next: literals and absolute IRIs only, so the canonicalisation of one shape serves them all
 * (credential-canonize.ts). Anything else that varies only makes another shape.
 */
const VARYING = [
  'id',
  'issuer.id',
  'issuer.name',
  'issuer.url',
  'validFrom',
  'name',
  'credentialSubject.name',
  'credentialSubject.identifier.0.identityHash',
  'credentialSubject.activityStartDate',
  'credentialSubject.activityEndDate',
  'credentialSubject.narrative',
  'credentialSubject.achievement.id',
  'credentialSubject.achievement.name',
  'credentialSubject.achievement.description',
  'credentialSubject.achievement.criteria.narrative',
  'credentialSubject.achievement.version',
  'credentialStatus.id',
  'credentialStatus.statusListIndex',
  'credentialStatus.statusListCredential',
  // The proof options, canonicalised on their own.
  'created',
  'verificationMethod',
];
const cryptosuite = templatedCryptosuite(VARYING);

/**
 * Signs any credential with Aula's key: an embedded DataIntegrityProof, `eddsa-rdfc-2022`, made
 * at `date`. Ed25519 is deterministic, so the same credential and date give the same bytes.
 */
export async function signCredential(credential: Credential, key: SigningKey, date: Date | string = new Date()): Promise<Buffer> {
  const suite = new DataIntegrityProof({ signer: key.signer, cryptosuite, date });
  const signed = await vc.issue({ credential, suite, documentLoader });
  return Buffer.from(JSON.stringify(signed), 'utf8');
}

/**
 * A certificate's signed credential as the exact bytes to store in `certificates.credential`,
 * pointing at the key's own status list. Slow work (canonicalisation, signing): call it before the
 * issuing transaction. The proof is made at the issue instant, so the same snapshot gives the
 * same bytes, on the main thread or in the worker.
 */
export async function signSnapshot(snapshot: CertificateSnapshot, key: SigningKey, options: SignOptions): Promise<Buffer> {
  const credential = buildCredential(snapshot, {
    issuerDid: key.did,
    statusListUrl: `${options.origin}${statusListPath(key.statusList)}`,
    statusListIndex: options.statusListIndex,
    origin: options.origin,
  });
  return signCredential(credential, key, snapshot.issuedAt);
}

/** 0..1 as Mexico grades, out of ten with one decimal: 0.923 → "9.2". */
function formatGrade(grade: number): string {
  return formatNumber(Math.round(grade * 100) / 10);
}

/** Mexico City keeps UTC−6 all year since 2022 (no daylight saving time). */
function startOfDayInMexico(isoDate: string): string {
  return `${isoDate}T00:00:00-06:00`;
}

export interface BuildOptions {
  issuerDid: string;
  /** `<origin>/credenciales/estado/<n>`, the list of the signing key */
  statusListUrl: string;
  statusListIndex: number;
  /** The site's public origin, e.g. https://aula.stps.gob.mx */
  origin: string;
}

export interface SignOptions {
  statusListIndex: number;
  origin: string;
}

export type Credential = Record<string, unknown>;
