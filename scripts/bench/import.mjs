// The CSV import as a coordinator does it (upload, preview, confirm), timed, while other clients
// keep reading pages and sending heartbeats: the server has one thread and one SQLite connection,
// so the slowest of their requests says how long the import held everyone else (issue #11).
import { headersFor } from './load.mjs';

/** A multipart form POST to an Astro form action, with the Origin a browser sends. */
async function postForm(baseUrl, path, token, fields) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const started = performance.now();
  const res = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    body: form,
    headers: { cookie: `aula_session=${token}`, origin: baseUrl },
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}

/** The form's action (`?_action=…`) on a page, as the browser would post it. */
function formAction(html, action) {
  const match = html.match(new RegExp(`action="([^"]*_action=${action.replace('.', '\\.')}[^"]*)"`));
  if (!match) throw new Error(`No se encontró el formulario ${action}.`);
  return match[1].replaceAll('&amp;', '&');
}

/**
 * Clients that repeat a request until stopped, each request recorded with its start and end, so
 * that the ones overlapping a window (the preview, the commit) can be picked out afterwards.
 */
function startClients(count, kind, send) {
  const requests = [];
  let running = true;
  const loops = Array.from({ length: count }, async () => {
    while (running) {
      const start = performance.now();
      const status = await send();
      requests.push({ kind, start, end: performance.now(), status });
    }
  });
  return {
    requests,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

function slowestDuring(requests, window) {
  const overlapping = requests.filter((r) => r.end >= window.start && r.start <= window.end);
  return {
    requests: overlapping.length,
    slowestMs: Math.max(0, ...overlapping.map((r) => r.end - r.start)),
    failed: overlapping.filter((r) => r.status >= 400).length,
  };
}

/**
 * Previews and confirms `csv` into `cohortId` as the coordinator, with `readers` clients loading
 * the lesson page and `writers` clients posting heartbeats as the inspector, all the while.
 */
export async function measureImport(baseUrl, { csv, rows, cohortId, tokens, lessonPath, readers = 4, writers = 4 }) {
  const page = `/coordinacion/generaciones/${cohortId}/importar`;
  const form = await fetch(new URL(page, baseUrl), { headers: headersFor(tokens.coordinator) });
  if (form.status !== 200) throw new Error(`${page} respondió ${form.status}.`);
  const previewPath = `${page}${formAction(await form.text(), 'enrollment.previewCsv')}`;
  const lessonId = lessonPath.split('/').slice(2, 4).join('/');

  const readClients = startClients(readers, 'read', async () => {
    const res = await fetch(new URL(lessonPath, baseUrl), { headers: headersFor(tokens.inspector) });
    await res.arrayBuffer();
    return res.status;
  });
  const writeClients = startClients(writers, 'write', async () => {
    const res = await fetch(new URL('/api/progreso', baseUrl), {
      method: 'POST',
      headers: { cookie: `aula_session=${tokens.inspector}`, origin: baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ lessonId }),
    });
    await res.arrayBuffer();
    return res.status;
  });
  await new Promise((r) => setTimeout(r, 300));

  const file = new File([`\uFEFF${csv}`], 'generacion.csv', { type: 'text/csv' });
  const previewStart = performance.now();
  const preview = await postForm(baseUrl, previewPath, tokens.coordinator, { cohortId: String(cohortId), file });
  const previewWindow = { start: previewStart, end: performance.now() };
  if (preview.status !== 200 || !preview.text.includes('_action=enrollment.confirmCsv')) {
    throw new Error(`La vista previa respondió ${preview.status} sin el botón para confirmar.`);
  }
  await new Promise((r) => setTimeout(r, 300));

  const confirmPath = `${page}${formAction(preview.text, 'enrollment.confirmCsv')}`;
  const commitStart = performance.now();
  const commit = await postForm(baseUrl, confirmPath, tokens.coordinator, { cohortId: String(cohortId), text: csv });
  const commitWindow = { start: commitStart, end: performance.now() };
  // The page writes counts as es-MX does (5,000), see src/lib/format.ts.
  const enrolled = `Se inscribió a ${new Intl.NumberFormat('es-MX').format(rows)} personas`;
  if (commit.status !== 200 || !commit.text.includes(enrolled)) {
    throw new Error(`La confirmación respondió ${commit.status} sin inscribir a las ${rows} personas.`);
  }
  await new Promise((r) => setTimeout(r, 300));
  await Promise.all([readClients.stop(), writeClients.stop()]);

  const during = (window) => ({
    read: slowestDuring(readClients.requests, window),
    write: slowestDuring(writeClients.requests, window),
  });
  return {
    rows,
    bytes: Buffer.byteLength(csv),
    readers,
    writers,
    previewMs: preview.ms,
    commitMs: commit.ms,
    duringPreview: during(previewWindow),
    duringCommit: during(commitWindow),
  };
}
