import { getAllQuizzes, getCatalog } from '../course/catalog.ts';
import { getHoursPlan } from '../hours/server-plan.ts';
import { inspectionCountsByModule } from '../practice/inspection-catalog.ts';
import { contentFolderHash } from './content-hash.ts';
import type { CertificateContext } from './context.ts';

/**
 * The certificate context from the built catalog. The origin is PUBLIC_URL when set (behind a
 * proxy), else the request's, like invitation links (actions/errors.ts).
 */
export async function getCertificateContext(requestOrigin: string): Promise<CertificateContext> {
  const [catalog, quizzes, plan] = await Promise.all([getCatalog(), getAllQuizzes(), getHoursPlan()]);
  return {
    plan,
    quizzes,
    prerequisites: new Map(catalog.modules.map((m) => [m.slug, m.prerequisites])),
    program: catalog.program,
    contentHash: contentFolderHash(),
    origin: (process.env.PUBLIC_URL ?? requestOrigin).replace(/\/+$/, ''),
    practice: inspectionCountsByModule(),
  };
}
