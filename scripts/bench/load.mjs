// Checks that a page answers 200 as the client it is measured for, then loads it with autocannon.
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import autocannon from 'autocannon';

/** What a browser sends: the middleware gzips HTML only when asked to. */
export function headersFor(token) {
  return { 'accept-encoding': 'gzip', ...(token ? { cookie: `aula_session=${token}` } : {}) };
}

/** One GET as a browser would send it; the body comes back decoded. */
function getPage(baseUrl, path, token) {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { headers: headersFor(token), agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'] ?? 'identity';
        const text = (encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8');
        resolve({ status: res.statusCode, location: res.headers.location, encoding, bodyBytes: body.byteLength, text });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Fails loudly on anything but a 200 with the expected text (a redirect to /ingresar means the session did not work). */
export async function verifyPage(baseUrl, page) {
  const res = await getPage(baseUrl, page.path, page.token);
  if (res.status !== 200) {
    const where = res.location ? ` → ${res.location}` : '';
    const excerpt = res.text.replace(/\s+/g, ' ').slice(0, 300);
    throw new Error(`${page.path} respondió ${res.status}${where} en lugar de 200 (${page.name}): ${excerpt}`);
  }
  if (page.expect && !res.text.includes(page.expect)) {
    throw new Error(`${page.path} respondió 200 pero sin «${page.expect}» (${page.name}).`);
  }
  return { encoding: res.encoding, bodyBytes: res.bodyBytes, decodedBytes: Buffer.byteLength(res.text) };
}

/** The first lesson of the first module, found the way a learner finds it: program page, module page. */
export async function findFirstLesson(baseUrl, token) {
  const firstLink = async (path, pattern) => {
    const res = await getPage(baseUrl, path, token);
    const match = res.status === 200 ? res.text.match(pattern) : null;
    if (!match) throw new Error(`No se encontró el enlace esperado en ${path} (respondió ${res.status}).`);
    return match[0];
  };
  const module = await firstLink(
    '/diplomado',
    /\/diplomado\/(?!buscar\b|legislacion\b|glosario\b|practicas\b|herramientas\b)[\w-]+(?=["#?])/,
  );
  // Lessons are NN-slug; the module page also links to its quiz (…/evaluacion).
  return firstLink(module, new RegExp(`${module}/\\d{2}-[\\w-]+(?=["#?])`));
}

/** Runs autocannon against one page and keeps the numbers the report needs. */
export async function loadPage(baseUrl, page, { connections, duration }) {
  const result = await autocannon({
    url: new URL(page.path, baseUrl).href,
    connections,
    duration,
    headers: headersFor(page.token),
  });
  const total = result.requests.total || 0;
  return {
    requestsPerSecond: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    latencyMax: result.latency.max,
    requests: total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    // autocannon counts the bytes of 2xx responses only, headers included.
    bytesPerResponse: result['2xx'] ? result.throughput.total / result['2xx'] : 0,
  };
}

/**
 * A learner studying while a page is loaded: one heartbeat (POST /api/progreso, as the lesson page
 * sends them) `perSecond` times a second, each a write that changes what the cohort's staff pages
 * show. Resolves `stop()` with the number of beats the server accepted.
 */
export function studyWhileLoading(baseUrl, { token, lessonPath, perSecond }) {
  const lessonId = lessonPath.split('/').slice(2, 4).join('/');
  let accepted = 0;
  let sent = 0;
  const beat = async () => {
    sent += 1;
    const res = await fetch(new URL('/api/progreso', baseUrl), {
      method: 'POST',
      headers: { cookie: `aula_session=${token}`, origin: baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ lessonId }),
    }).catch(() => null);
    if (res?.ok) accepted += 1;
    await res?.arrayBuffer();
  };
  const timer = setInterval(beat, 1000 / perSecond);
  return {
    stop() {
      clearInterval(timer);
      return { sent, accepted };
    },
  };
}
