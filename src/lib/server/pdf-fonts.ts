import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * DejaVu Sans and Sans Bold from the npm package (../shared/STACK.md §5: subset Noto renders
 * blank), for every PDF Aula makes: certificates and printable checklists. Read once per process:
 * bulk issuance renders hundreds of certificates in a row.
 */
let fontBytes: { regular: Uint8Array; bold: Uint8Array } | undefined;
export function dejavuFonts(): { regular: Uint8Array; bold: Uint8Array } {
  if (!fontBytes) {
    const require = createRequire(import.meta.url);
    fontBytes = {
      regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
      bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
    };
  }
  return fontBytes;
}
