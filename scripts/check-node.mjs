// Aula needs Node >= 22.12 (Astro 7, better-sqlite3 13). npm scripts run on the Node 24 the
// project installs as an optional dependency (node_modules/.bin/node); see docs/decisions/003-node-24.md.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Aula necesita Node 22.12 o posterior; este proceso corre en Node ${process.versions.node}.\n` +
      'Ejecute los comandos con npm (npm run demo, npm test), que usan el Node 24 instalado por el proyecto,\n' +
      'o instale Node 24 LTS.',
  );
  process.exit(1);
}
