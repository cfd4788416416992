import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadMallocTrim, returnFreedMemory } from '../../scripts/lib/return-freed-memory.mjs';

describe('returnFreedMemory', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('trims once per tick with requests, and leaves an idle server alone', () => {
    vi.useFakeTimers();
    const trim = vi.fn();
    const load = vi.fn(() => trim);
    const memory = returnFreedMemory({ everyMs: 1000, load });

    vi.advanceTimersByTime(3000);
    expect(load).not.toHaveBeenCalled();
    expect(trim).not.toHaveBeenCalled();

    memory.served();
    memory.served();
    memory.served();
    vi.advanceTimersByTime(1000);
    expect(trim).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(trim).toHaveBeenCalledTimes(1);

    memory.served();
    vi.advanceTimersByTime(1000);
    expect(trim).toHaveBeenCalledTimes(2);
    expect(memory.trims).toBe(2);
    expect(load).toHaveBeenCalledTimes(1);
    memory.stop();
  });

  it('stops asking when malloc_trim cannot be loaded', () => {
    vi.useFakeTimers();
    const load = vi.fn(() => null);
    const memory = returnFreedMemory({ everyMs: 1000, load });
    memory.served();
    vi.advanceTimersByTime(1000);
    memory.served();
    vi.advanceTimersByTime(5000);
    expect(load).toHaveBeenCalledTimes(1);
    expect(memory.trims).toBe(0);
  });

  it.runIf(process.platform === 'linux')('gives freed memory back to the system (glibc, through koffi)', () => {
    expect(loadMallocTrim()).toBeTypeOf('function');
    // 128 MB in 8 KB buffers (malloc'd), one in 64 kept so that the freed memory lies in holes
    // glibc does not return by itself; then the same trim the server runs.
    const script = `
      import { loadMallocTrim } from ${JSON.stringify(new URL('../../scripts/lib/return-freed-memory.mjs', import.meta.url).href)};
      const rss = () => process.memoryUsage.rss() / 1048576;
      let buffers = Array.from({ length: 16000 }, () => Buffer.allocUnsafeSlow(8192).fill(1));
      const kept = buffers.filter((_, i) => i % 64 === 0);
      buffers = null;
      globalThis.gc();
      await new Promise((r) => setTimeout(r, 200));
      globalThis.gc();
      const before = rss();
      loadMallocTrim()();
      console.log(JSON.stringify({ before, after: rss(), kept: kept.length }));
    `;
    const output = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
      env: { ...process.env, MALLOC_ARENA_MAX: '1' },
      encoding: 'utf8',
    });
    const { before, after } = JSON.parse(output);
    expect(before - after).toBeGreaterThan(64);
  });
});
