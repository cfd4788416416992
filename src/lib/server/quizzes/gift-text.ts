import { marked } from 'marked';
import type { GiftFormat, GiftText } from './gift-parser.ts';

/**
 * One Aula format per question, from GIFT's per-text formats. Moodle gives each text (prompt,
 * option, feedback) its own; Aula one per question (issue 16), so the prompt's format wins and the
 * other texts are converted to it. Moodle's default "moodle" format is plain text in which HTML
 * tags still render (format_text's auto-format): it becomes 'html' when the question has tags,
 * with its line breaks kept as <br>, and 'plain' otherwise.
 */

export type AulaFormat = 'plain' | 'markdown' | 'html';

const HAS_MARKUP = /<[a-z/!][^>]*>/i;

export function questionFormat(prompt: GiftText, parts: GiftText[]): AulaFormat {
  if (prompt.format !== 'moodle') return prompt.format;
  return [prompt, ...parts].some(isHtml) ? 'html' : 'plain';
}

/** Whether a text is HTML: `[html]`, or Moodle's auto-format with tags in it. */
export function isHtml(part: GiftText): boolean {
  return part.format === 'html' || (part.format === 'moodle' && HAS_MARKUP.test(part.text));
}

/** A text in the question's format; `lossy` when HTML markup had to be dropped to get there. */
export function inFormat(part: GiftText, target: AulaFormat): { text: string; lossy: boolean } {
  const html = isHtml(part);
  if (target === 'html') {
    if (part.format === 'html') return { text: decodeEntities(part.text, true), lossy: false };
    if (part.format === 'markdown') {
      // One paragraph (an option, a feedback) stays inline; only longer Markdown gets its <p>s.
      const html = /\n\s*\n/.test(part.text) ? marked.parse(part.text, { async: false }) : marked.parseInline(part.text, { async: false });
      return { text: (html as string).trim(), lossy: false };
    }
    if (part.format === 'moodle' && html) return { text: decodeEntities(part.text, true).replace(/\r?\n/g, '<br>'), lossy: false };
    return { text: escapeHtml(part.text).replace(/\r?\n/g, '<br>'), lossy: false };
  }
  if (html) return { text: htmlToText(part.text), lossy: true };
  return { text: part.text, lossy: false };
}

/** Text for where only plain text fits (ids, names, matching answers): tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>|<\/(p|div|li|h\d)>/gi, '\n')
      .replace(/<[^>]*>/g, '')
      .replace(/[ \t]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .replace(/\n{3,}/g, '\n\n'),
    false,
  ).trim();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Entities Moodle editors write for Spanish text and typography; others are left as written. */
const NAMED: Record<string, string> = {
  nbsp: '\u00a0',
  iexcl: '¡',
  iquest: '¿',
  laquo: '«',
  raquo: '»',
  deg: '°',
  ordf: 'ª',
  ordm: 'º',
  middot: '·',
  sect: '§',
  para: '¶',
  copy: '©',
  reg: '®',
  euro: '€',
  cent: '¢',
  pound: '£',
  yen: '¥',
  times: '×',
  divide: '÷',
  plusmn: '±',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  sup2: '²',
  sup3: '³',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  bull: '•',
  trade: '™',
  szlig: 'ß',
  apos: "'",
};
/** `&eacute;`, `&Ntilde;`, `&uuml;`…: a letter and its accent, composed as Unicode does. */
const ACCENT = /^([a-z])(acute|grave|circ|uml|tilde|ring|cedil)$/i;
const COMBINING: Record<string, string> = {
  acute: '\u0301',
  grave: '\u0300',
  circ: '\u0302',
  uml: '\u0308',
  tilde: '\u0303',
  ring: '\u030a',
  cedil: '\u0327',
};
/** The five that carry HTML syntax: kept as entities inside HTML, decoded in plain text. */
const SYNTAX: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** `&eacute;` → `é`, `&#233;` → `é`; in HTML (`keepSyntax`) `&lt; &gt; &amp; &quot;` stay, so no tag appears. */
export function decodeEntities(text: string, keepSyntax: boolean): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (entity, body: string) => {
    if (body in SYNTAX) return keepSyntax ? entity : (SYNTAX[body] as string);
    if (body[0] === '#') {
      const code = body[1]?.toLowerCase() === 'x' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      const ch = code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      if (!ch || (keepSyntax && '<>&"'.includes(ch))) return entity;
      return ch;
    }
    const accent = ACCENT.exec(body);
    if (accent) {
      const composed = `${accent[1]}${COMBINING[accent[2] as string]}`.normalize('NFC');
      if (composed.length === 1) return composed;
    }
    return NAMED[body] ?? entity;
  });
}

/** Embedded Moodle files (`@@PLUGINFILE@@/x.png`) do not travel in a GIFT file: removes them, names them. */
export function dropEmbeddedFiles(text: string): { text: string; files: string[] } {
  if (!text.includes('@@PLUGINFILE@@')) return { text, files: [] };
  const files: string[] = [];
  const name = (ref: string) => {
    try {
      return decodeURIComponent(ref.split('/').pop() ?? ref);
    } catch {
      return ref;
    }
  };
  const withoutTags = text.replace(/<(img|audio|video|source|embed)\b[^>]*@@PLUGINFILE@@\/([^"'\s>]*)[^>]*>/gi, (_, _tag, ref: string) => {
    files.push(name(ref));
    return '';
  });
  // A link to a file stays (the instructor replaces it); it is named all the same.
  for (const m of withoutTags.matchAll(/@@PLUGINFILE@@\/([^"'\s)<>]*)/g)) files.push(name(m[1] as string));
  // A paragraph that only held the image goes with it.
  return { text: withoutTags.replace(/<p>\s*<\/p>/g, ''), files };
}

export type { GiftFormat };
