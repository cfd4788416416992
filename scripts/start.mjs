// Production entry (npm start): migrate the database, then serve the built site.
// RESET_DB=1 starts from an empty database (end-to-end tests, the benchmark).
import './check-node.mjs';
import './lib/compile-cache.mjs';
import { existsSync } from 'node:fs';
import { databasePath, migrateDatabase, removeDatabase } from './lib/database.mjs';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
if (!existsSync('dist/server/entry.mjs')) {
  console.error('No existe dist/: ejecute primero «npm run build» (o «npm run demo», que compila si hace falta).');
  process.exit(1);
}
if (process.env.RESET_DB === '1') removeDatabase();
const applied = migrateDatabase();
if (applied > 0) console.log(`Base de datos ${databasePath()}: ${applied} migraciones aplicadas.`);
const { serve } = await import('./lib/serve.mjs');
await serve();
