// npm run key:rotate: retires the signing key of the certificates' credentials (issue 14;
// docs/decisions/018-signed-credentials.md). The retired key keeps signing only its own status
// list, so what it signed can still be revoked; the next server start makes a new key (a new
// did:key) with the next list. Restart the server afterwards. Takes the database path from
// DATABASE_PATH, like the server.
import { existsSync } from 'node:fs';
import { databasePath } from '../db/connection.ts';
import { listIssuerKeys, rotateSigningKey, signingKeyPath } from '../src/lib/server/certificates/signing-key.ts';

const path = signingKeyPath();
if (!existsSync(path)) {
  console.error(`No hay llave de firma en ${path} (base de datos: ${databasePath()}). Se creará al emitir la primera constancia.`);
  process.exit(1);
}
const [current] = await listIssuerKeys(path);
await rotateSigningKey(path);
console.log(`Llave retirada: ${current?.did} (sigue firmando solo su lista de estado ${current?.statusList}).`);
console.log('Reinicie el servidor: al firmar de nuevo se creará una llave nueva con la siguiente lista.');
console.log('Si la llave se filtró, revoque y vuelva a emitir las constancias que firmó (docs/decisions/018-signed-credentials.md).');
