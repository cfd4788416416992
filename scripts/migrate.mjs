// npm run db:migrate: applies the committed migrations to DATABASE_PATH (default ./data/aula.db).
import './check-node.mjs';
import { databasePath, migrateDatabase } from './lib/database.mjs';

const applied = migrateDatabase();
console.log(`Base de datos ${databasePath()}: ${applied === 0 ? 'al día' : `${applied} migraciones aplicadas`}.`);
