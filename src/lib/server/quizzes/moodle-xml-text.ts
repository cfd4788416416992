import { marked } from 'marked';

/**
 * The formatted texts of a Moodle XML question (`<questiontext format="html"><text>…</text>
 * <file …/></questiontext>`), and how they become one Aula `format` per question with their
 * embedded files carried as assets. Moodle gives every text its own format; Aula one per
 * question, so a question takes the richest of its texts' formats and the others are converted.
 */

export type TextFormat = 'plain' | 'markdown' | 'html';

export interface MoodleFile {
  /** The folder inside the text's file area, `/` for most. */
  path: string;
  name: string;
  base64: string;
}

export interface MoodleText {
  text: string;
  format: TextFormat;
  files: MoodleFile[];
}

/** A parsed XML element: fast-xml-parser objects, with attributes under `@_`. */
export type XmlNode = Record<string, unknown>;

export function asString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return asString((value as XmlNode)['#text']);
  return '';
}

export function asArray(value: unknown): XmlNode[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (v && typeof v === 'object' ? (v as XmlNode) : { text: v }));
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const value = node?.[name];
  if (Array.isArray(value)) return value[0] as XmlNode | undefined;
  if (value && typeof value === 'object') return value as XmlNode;
  if (value === undefined) return undefined;
  return { '#text': value };
}

/** The text of `<name><text>…</text></name>`, or of a bare `<name>…</name>`. */
export function childText(node: XmlNode | undefined, name: string): string {
  const element = child(node, name);
  if (!element) return '';
  return ('text' in element ? asString(element.text) : asString(element)).trim();
}

/**
 * Moodle's text formats: `moodle_auto_format` is plain text in which Moodle still renders any
 * HTML tags, so it counts as HTML when it has tags (question/format.php, format_text()).
 */
function formatOf(attribute: string, text: string, fallback: TextFormat): TextFormat {
  switch (attribute) {
    case 'html':
      return 'html';
    case 'markdown':
      return 'markdown';
    case 'plain_text':
      return 'plain';
    case 'moodle_auto_format':
      return /<[a-z/!][^>]*>/i.test(text) ? 'html' : 'plain';
    default:
      return fallback;
  }
}

/** A formatted text element, with its embedded files; HTML that carries no markup becomes plain text. */
export function readText(element: XmlNode | undefined, fallback: TextFormat = 'plain'): MoodleText {
  if (!element) return { text: '', format: 'plain', files: [] };
  const raw = ('text' in element ? asString(element.text) : asString(element)).trim();
  const files = asArray(element.file).map((f) => ({
    path: asString(f['@_path']) || '/',
    name: asString(f['@_name']),
    base64: asString(f['#text']).replace(/\s+/g, ''),
  }));
  const format = formatOf(asString(element['@_format']), raw, fallback);
  if (format === 'html') {
    const plain = plainIfNoMarkup(raw);
    if (plain !== null) return { text: plain, format: 'plain', files };
  }
  return { text: raw, format, files };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** `<p>Texto &amp; más</p>` → `Texto & más`; null when the HTML has any other tag or an unknown entity. */
function plainIfNoMarkup(html: string): string | null {
  const inner = /^<p(?:\s[^>]*)?>([^<]*)<\/p>$/i.exec(html)?.[1] ?? (html.includes('<') ? null : html);
  if (inner === null) return null;
  let unknown = false;
  const decoded = inner.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#')
      return String.fromCodePoint(body[1]?.toLowerCase() === 'x' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1)));
    const known = ENTITIES[body.toLowerCase()];
    if (known === undefined) unknown = true;
    return known ?? entity;
  });
  return unknown ? null : decoded.replace(/\s+/g, ' ').trim();
}

/** Whether a formatted text says anything: `<p><br></p>` does not, an image does. */
export function isBlank(text: MoodleText): boolean {
  if (text.format !== 'html') return text.text.trim() === '';
  return /<(img|video|audio|iframe|object)\b/i.test(text.text) ? false : text.text.replace(/<[^>]*>|&nbsp;|\s/gi, '') === '';
}

/** The format a question's texts share: HTML if any is HTML, else Markdown if any is, else plain. */
export function commonFormat(texts: MoodleText[]): TextFormat {
  if (texts.some((t) => t.format === 'html')) return 'html';
  if (texts.some((t) => t.format === 'markdown')) return 'markdown';
  return 'plain';
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A text in the question's format: plain text is escaped for HTML, Markdown rendered to it. */
export function inFormat(text: MoodleText, format: TextFormat): string {
  if (text.format === format || format === 'plain' || (format === 'markdown' && text.format === 'plain')) return text.text;
  if (text.format === 'markdown') return (marked.parse(text.text, { async: false }) as string).trim();
  return escapeHtml(text.text).replace(/\r?\n/g, '<br>');
}

/** A file name safe in a relative URL and on any file system. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return cleaned || 'archivo';
}

/**
 * Collects a question's embedded files as assets under `media/<question-id>-<name>` and rewrites
 * each `@@PLUGINFILE@@/<name>` reference (Moodle URL-encodes the name) to that relative path.
 * Returns the names referenced but not embedded, for a note.
 */
export class QuestionAssets {
  readonly assets: { path: string; bytes: Uint8Array }[] = [];
  private readonly byKey = new Map<string, string>();
  // No parameter property: scripts run this file under Node's type stripping, which refuses them.
  private readonly questionId: string;

  constructor(questionId: string) {
    this.questionId = questionId;
  }

  rewrite(text: MoodleText, missing: Set<string>): MoodleText {
    if (!text.text.includes('@@PLUGINFILE@@')) return text;
    const rewritten = text.text.replace(/@@PLUGINFILE@@(\/[^"'\s)<>?#]*)/g, (whole, ref: string) => {
      let decoded = ref;
      try {
        decoded = decodeURIComponent(ref);
      } catch {
        // A stray % in a name: look it up as written.
      }
      const slash = decoded.lastIndexOf('/');
      const folder = decoded.slice(0, slash + 1);
      const name = decoded.slice(slash + 1);
      const file = text.files.find((f) => f.name === name && f.path === folder) ?? text.files.find((f) => f.name === name);
      if (!file) {
        missing.add(name || whole);
        return whole;
      }
      return this.add(file);
    });
    return { ...text, text: rewritten };
  }

  private add(file: MoodleFile): string {
    const key = `${file.name}\u0000${file.base64}`;
    const known = this.byKey.get(key);
    if (known) return known;
    let path = `media/${this.questionId}-${safeFileName(file.name)}`;
    for (let n = 2; this.assets.some((a) => a.path === path); n++) path = `media/${this.questionId}-${n}-${safeFileName(file.name)}`;
    this.assets.push({ path, bytes: new Uint8Array(Buffer.from(file.base64, 'base64')) });
    this.byKey.set(key, path);
    return path;
  }
}
