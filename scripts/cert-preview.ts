// npm run cert:preview -- --name "…" --out file.pdf: the current certificate template with sample
// data and the given name, to check the layout with any name (issue 14). Other flags: --curp,
// --folio, --replaces (a folio, to see a reissue's note).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { renderCertificatePdf } from '../src/lib/server/certificates/pdf.ts';
import { sampleSnapshot } from '../src/lib/server/certificates/sample-snapshot.ts';

const { values: flags } = parseArgs({
  options: {
    name: { type: 'string' },
    out: { type: 'string', default: 'constancia-muestra.pdf' },
    curp: { type: 'string' },
    folio: { type: 'string' },
    replaces: { type: 'string' },
  },
});

const sample = sampleSnapshot();
const snapshot = sampleSnapshot({
  person: { fullName: flags.name ?? sample.person.fullName, curp: flags.curp ?? sample.person.curp },
  folio: flags.folio ?? sample.folio,
  replaces: flags.replaces ?? null,
});
const bytes = await renderCertificatePdf(snapshot);
writeFileSync(flags.out, bytes);
console.log(`${flags.out}: ${snapshot.person.fullName}, ${(bytes.length / 1024).toFixed(1)} KB`);
