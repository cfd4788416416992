/**
 * A lesson file split at its frontmatter (--- … ---): the YAML, the MDX body after it, and the
 * line the body starts on. Null when the file does not open with a frontmatter.
 */
export function splitFrontmatter(text: string): { frontmatter: string; body: string; bodyStartLine: number } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return null;
  return { frontmatter: match[1] ?? '', body: text.slice(match[0].length), bodyStartLine: match[0].split('\n').length };
}
