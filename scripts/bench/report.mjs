// The results table, the comparison with the project's targets, and bench-results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Each measured page's own pet./s yardstick (scripts/bench.mjs) and p99 at 32 clients; memory after
 * start and under that load (issue 17); cold start; and how long any other request may wait while
 * a 5,000-row CSV import is confirmed (issue #11).
 */
export const TARGETS = {
  p99Ms: 50,
  idleRssMb: 120,
  peakRssMb: 200,
  firstResponseMs: 500,
  waitDuringImportMs: 500,
  // Issue 14: a cohort's certificates, PDF and signed credential included.
  certificatesPerSecond: 100,
  certificatePdfKb: 200,
};

const int = new Intl.NumberFormat('es-MX', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('es-MX', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = new Intl.NumberFormat('es-MX', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const mark = (ok) => (ok ? '✓' : '✗');

/** Whether a page with a target meets both yardsticks; null for the pages measured without one. */
export function pageVerdict(row) {
  if (!row.target) return null;
  return {
    requestsPerSecond: row.requestsPerSecond >= row.target,
    p99: row.latencyP99 <= TARGETS.p99Ms,
  };
}

export function evaluateTargets(results) {
  const checks = results.pages
    .filter((row) => row.target)
    .flatMap((row) => {
      const verdict = pageVerdict(row);
      return [
        {
          target: `${row.path}: ≥ ${int.format(row.target)} pet./s`,
          actual: `${int.format(row.requestsPerSecond)} pet./s`,
          ok: verdict.requestsPerSecond,
        },
        { target: `${row.path}: p99 ≤ ${TARGETS.p99Ms} ms`, actual: `${row.latencyP99} ms`, ok: verdict.p99 },
      ];
    });
  checks.push(
    {
      target: `memoria del servidor al arrancar ≤ ${TARGETS.idleRssMb} MB (RSS)`,
      actual: `${one.format(results.idleRssMb)} MB`,
      ok: results.idleRssMb <= TARGETS.idleRssMb,
    },
    {
      target: `memoria del servidor con las páginas bajo carga ≤ ${TARGETS.peakRssMb} MB (pico RSS)`,
      actual: `${one.format(results.pagesPeakRssMb)} MB`,
      ok: results.pagesPeakRssMb <= TARGETS.peakRssMb,
    },
  );
  if (results.certificates) {
    const c = results.certificates;
    checks.push(
      {
        target: `emisión de ${int.format(c.people)} constancias ≥ ${TARGETS.certificatesPerSecond} constancias/s`,
        actual: `${one.format(c.perSecond)} constancias/s`,
        ok: c.perSecond >= TARGETS.certificatesPerSecond,
      },
      {
        target: `PDF de cada constancia < ${TARGETS.certificatePdfKb} KB`,
        actual: `${int.format(Math.round(c.pdfBytes.max / 1024))} KB (máx.)`,
        ok: c.pdfBytes.max < TARGETS.certificatePdfKb * 1024,
      },
    );
  }
  if (results.import) {
    for (const [kind, label] of [
      ['read', 'lectura'],
      ['write', 'escritura'],
    ]) {
      const slowest = results.import.duringCommit[kind].slowestMs;
      checks.push({
        target: `${label} más lenta durante la confirmación de ${int.format(results.import.rows)} filas ≤ ${TARGETS.waitDuringImportMs} ms`,
        actual: `${int.format(slowest)} ms`,
        ok: slowest <= TARGETS.waitDuringImportMs,
      });
    }
  }
  for (const [label, ms] of [
    ['al reiniciar (mediana de 3)', results.firstResponseMs],
    ['en el primer arranque tras compilar', results.firstStartMs],
  ]) {
    checks.push({
      target: `primera respuesta ${label} ≤ ${TARGETS.firstResponseMs} ms`,
      actual: `${int.format(ms)} ms`,
      ok: ms <= TARGETS.firstResponseMs,
    });
  }
  return checks;
}

function table(header, rows, rightAligned) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const cell = (value, i) => (rightAligned.has(i) ? String(value).padStart(widths[i]) : String(value).padEnd(widths[i]));
  const line = (r) => `  ${r.map(cell).join('  ')}`;
  return [line(header), `  ${widths.map((w) => '─'.repeat(w)).join('  ')}`, ...rows.map(line)].join('\n');
}

export function printReport(results, checks) {
  const header = [
    'página',
    'ruta',
    'pet./s',
    'p50 ms',
    'p99 ms',
    'no-2xx',
    'bytes/resp',
    'cuerpo',
    'CPU ms/pet.',
    'CPU servidor',
    'CPU bench',
    'CPU otros',
    'RSS MB',
    'objetivo',
  ];
  const rows = results.pages.map((r) => {
    const verdict = pageVerdict(r);
    return [
      r.name,
      r.path,
      int.format(r.requestsPerSecond),
      r.latencyP50,
      r.latencyP99,
      r.non2xx + r.errors + r.timeouts,
      int.format(r.bytesPerResponse),
      `${int.format(r.bodyBytes)} ${r.encoding === 'gzip' ? 'gz' : ''}`.trim(),
      two.format(r.serverCpuMsPerRequest),
      `${int.format(r.serverCpuPercent)} %`,
      `${int.format(r.clientCpuPercent)} %`,
      `${int.format(r.otherCpuPercent)} %`,
      one.format(r.peakRssMb),
      verdict ? `${mark(verdict.requestsPerSecond)} ${mark(verdict.p99)}` : '—',
    ];
  });
  console.log(
    `\nResultados (${results.config.connections} conexiones, ${results.config.durationSeconds} s por página, ${results.machine.cpus} núcleos):\n`,
  );
  console.log(table(header, rows, new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])));
  console.log(
    '\n  bytes/resp: en la red, con cabeceras; cuerpo: bytes del cuerpo tal como se envía (gz = gzip);' +
      '\n  no-2xx: respuestas no 2xx + errores + tiempos agotados; CPU ms/pet.: CPU del servidor por respuesta;' +
      '\n  CPU: % de un núcleo durante la carga (servidor, este proceso con autocannon, el resto de la máquina);' +
      '\n  RSS: pico del servidor durante esa página;' +
      '\n  objetivo: pet./s y p99 frente a la meta de la página (lección 1.400, principales 1.000; — sin meta).',
  );
  console.log(
    `\n  Primera respuesta tras el arranque: ${int.format(results.firstResponseMs)} ms al reiniciar (mediana de 3), ${int.format(results.firstStartMs)} ms en el primer arranque tras compilar`,
  );
  console.log(
    `  RSS del servidor: ${one.format(results.idleRssMb)} MB en reposo, pico ${one.format(results.pagesPeakRssMb)} MB con las páginas, ${one.format(results.peakRssMb)} MB en toda la medición\n`,
  );
  if (results.import) printImport(results.import);
  console.log('Objetivos (informativos):');
  const width = Math.max(...checks.map((c) => c.target.length));
  for (const c of checks) console.log(`  ${mark(c.ok)} ${c.target.padEnd(width)}  ${c.actual}`);
  const busiest = Math.max(...results.pages.map((r) => r.otherCpuPercent));
  if (busiest > 25) {
    console.log(
      `\n  ¡Atención! Otros procesos llegaron a usar ${int.format(busiest)} % de un núcleo durante la carga (columna «CPU otros»):` +
        '\n  pet./s y latencias salen peores de lo que son; repita con la máquina en reposo. «CPU ms/pet.» se afecta menos.',
    );
  }
  if (results.machine.cpus <= 2) {
    console.log(
      `\n  Nota: autocannon corre en esta misma máquina de ${results.machine.cpus} núcleos y compite con el servidor` +
        '\n  (columna «CPU bench»); las cifras son un piso, no un techo.',
    );
  }
}

/** The CSV import: its two steps, and the slowest read and write other clients saw meanwhile. */
function printImport(result) {
  const row = (step, ms, during) => [
    step,
    int.format(ms),
    int.format(during.read.requests),
    int.format(during.read.slowestMs),
    int.format(during.write.requests),
    int.format(during.write.slowestMs),
    during.read.failed + during.write.failed,
  ];
  console.log(
    `\nImportación CSV: ${int.format(result.rows)} filas (${one.format(result.bytes / 1024 / 1024)} MB), con ${result.readers} clientes que leen` +
      ` la lección y ${result.writers} que envían latidos (POST /api/progreso) al mismo tiempo:\n`,
  );
  console.log(
    table(
      ['paso', 'ms', 'lecturas', 'lectura más lenta ms', 'escrituras', 'escritura más lenta ms', 'fallidas'],
      [row('vista previa', result.previewMs, result.duringPreview), row('confirmación', result.commitMs, result.duringCommit)],
      new Set([1, 2, 3, 4, 5, 6]),
    ),
  );
  console.log(`\n  RSS pico del servidor durante la importación: ${one.format(result.peakRssMb)} MB\n`);
}

export function writeResults(path, results, checks) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ ...results, targets: TARGETS, checks }, null, 2)}\n`);
}
