import { t } from '../../../i18n/index.ts';
import { getCatalog } from '../course/catalog.ts';

/** Module slug → "Módulo 3. Título", as session pages and exports name modules. */
export async function moduleTitles(): Promise<Map<string, string>> {
  const { modules } = await getCatalog();
  return new Map(modules.map((m) => [m.slug, t('sessions.moduleLabel', { number: m.number, title: m.title })]));
}
