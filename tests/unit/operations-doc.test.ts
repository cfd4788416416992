import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { startCommand } from '../../scripts/bench/server.mjs';

const nodeOptions = (command: string) => command.split(/\s+/).filter((arg) => arg.startsWith('--'));

/** The systemd unit in docs/operations.md runs Node directly (not npm): it must start the server as npm start does. */
describe('docs/operations.md', () => {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8'));
  const unit = readFileSync('docs/operations.md', 'utf8');

  test("the systemd unit gives the server npm start's Node options and environment", () => {
    const execStart = unit.match(/^ExecStart=(\S*node .*scripts\/start\.mjs)$/m)?.[1];
    expect(execStart).toBeDefined();
    expect(nodeOptions(execStart as string)).toEqual(nodeOptions(scripts.start));
    const { env } = startCommand('.');
    expect(Object.keys(env).length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(env)) expect(unit).toContain(`\nEnvironment=${name}=${value}\n`);
  });

  test('npm run demo serves with the same settings as npm start', () => {
    expect(scripts.demo.replace('scripts/demo.mjs', '')).toBe(scripts.start.replace('scripts/start.mjs', ''));
  });
});
