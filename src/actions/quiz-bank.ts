import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { t } from '../i18n/index.ts';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { bankUploadProblem, convertBankUpload } from '../lib/server/quizzes/bank-upload.ts';
import { withDomainErrors } from './errors.ts';

export const quizBank = {
  /** Converts an uploaded GIFT or Moodle XML bank to quiz.yaml and reports it; nothing is stored. */
  convert: defineAction({
    accept: 'form',
    input: z.object({
      file: z.instanceof(File, { message: t('bankImport.noFile') }).superRefine((file, ctx) => {
        const problem = bankUploadProblem(file);
        if (problem) ctx.addIssue({ code: 'custom', message: t(problem.code, problem.params) });
      }),
    }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        requireRole(context.locals.user, 'instructor', 'coordinator', 'admin');
        const bytes = new Uint8Array(await input.file.arrayBuffer());
        const title = t('bankImport.quizTitle', { file: input.file.name });
        return { fileName: input.file.name, ...convertBankUpload(input.file.name, bytes, title) };
      }),
  }),
};
