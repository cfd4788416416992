import type { MessageKey, MessageParams } from '../../../i18n/index.ts';
import { quizSchema } from '../../content/quiz-schema.ts';
import { type ImportIssue, summarizeImport, toQuiz, toQuizYaml } from './bank-import.ts';
import { importGift } from './gift-import.ts';
import { importMoodleXml, looksLikeMoodleXml } from './moodle-xml-import.ts';

/**
 * A question bank uploaded in the browser (the quiz bank page): read as GIFT or Moodle XML,
 * reported question by question like `npm run quiz:import`, and given back as quiz.yaml text
 * to download. Nothing is stored: the instructor places the file in the content folder.
 */

/**
 * A bank of a few thousand questions is well under this; Moodle XML with embedded images can be
 * larger, and its images do not come along in the browser anyway (npm run quiz:import keeps them).
 */
export const BANK_UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

export type BankFormat = 'gift' | 'moodle-xml';

export interface BankUploadResult {
  format: BankFormat;
  /** "5 preguntas: 4 convertidas, 1 no convertida." */
  summary: string;
  converted: number;
  problems: ImportIssue[];
  notes: ImportIssue[];
  /** The quiz.yaml of the converted questions; null when none converted. */
  yaml: string | null;
}

/** GIFT or XML: by the file's extension, else by how the file opens. */
export function detectBankFormat(fileName: string, bytes: Uint8Array): BankFormat {
  if (/\.xml$/i.test(fileName)) return 'moodle-xml';
  if (/\.(gift|txt)$/i.test(fileName)) return 'gift';
  return looksLikeMoodleXml(bytes) ? 'moodle-xml' : 'gift';
}

/** Why an uploaded file cannot even be read, as an i18n key, or null: checked before any parsing. */
export function bankUploadProblem(file: { size: number; name: string }): { code: MessageKey; params: MessageParams } | null {
  if (file.size === 0) return { code: file.name ? 'bankImport.empty' : 'bankImport.noFile', params: {} };
  if (file.size > BANK_UPLOAD_MAX_BYTES) return { code: 'bankImport.tooLarge', params: { max: BANK_UPLOAD_MAX_BYTES / 1024 / 1024 } };
  return null;
}

export function convertBankUpload(fileName: string, bytes: Uint8Array, title: string): BankUploadResult {
  const format = detectBankFormat(fileName, bytes);
  const bank = format === 'moodle-xml' ? importMoodleXml(bytes) : importGift(bytes);
  const notes = [...bank.notes];
  // Images travel as files beside quiz.yaml, which a single download cannot carry.
  for (const asset of bank.assets)
    notes.push({
      message: `la imagen ${asset.path} no se incluye en la descarga; use npm run quiz:import para conservarla junto al quiz.yaml`,
    });
  const converted = bank.pools.reduce((n, p) => n + p.questions.length, 0);
  const problems = [...bank.problems];
  let yaml: string | null = null;
  if (converted > 0) {
    const checked = quizSchema.safeParse(toQuiz(bank, title));
    if (checked.success) yaml = toQuizYaml(bank, title);
    else for (const issue of checked.error.issues) problems.push({ message: `${issue.path.join('.')}: ${issue.message}` });
  }
  return { format, summary: summarizeImport(bank), converted, problems, notes, yaml };
}
