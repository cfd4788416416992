import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const cache = new Map<string, string>();

/**
 * The curriculum edition printed on a certificate: SHA-256 over every file of `content/` (path
 * and bytes, in path order), so two certificates carry the same hash exactly when their holders
 * studied the same content. Content is fixed per build, so it is computed once per process.
 */
export function contentFolderHash(root = 'content'): string {
  const cached = cache.get(root);
  if (cached) return cached;
  const hash = createHash('sha256');
  const files = listFiles(root).sort();
  for (const file of files) {
    hash.update(relative(root, file).split(sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  const digest = hash.digest('hex');
  cache.set(root, digest);
  return digest;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path);
    return entry.isFile() ? [path] : [];
  });
}
