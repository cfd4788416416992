/** What the person submitted, so a form that failed validation shows it again (nothing typed is lost). */
export async function readSubmitted(request: Request): Promise<Record<string, string>> {
  if (request.method !== 'POST') return {};
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('form')) return {};
  try {
    const data = await request.clone().formData();
    const values: Record<string, string> = {};
    for (const [key, value] of data) if (typeof value === 'string' && !(key in values)) values[key] = value;
    return values;
  } catch {
    return {};
  }
}

/** All values of a repeated field (checkbox groups, multiple selects). */
export async function readSubmittedAll(request: Request, name: string): Promise<string[]> {
  if (request.method !== 'POST') return [];
  try {
    return (await request.clone().formData()).getAll(name).filter((v): v is string => typeof v === 'string');
  } catch {
    return [];
  }
}

/** A positive page number from the query string, defaulting to 1. */
export function pageParam(url: URL): number {
  const n = Number(url.searchParams.get('pagina'));
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** One page of a list already in memory; a page past the end shows the last one. */
export function slicePage<T>(items: readonly T[], page: number, size: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(pages, Math.max(1, page));
  return { rows: items.slice((current - 1) * size, current * size), page: current, pages };
}
