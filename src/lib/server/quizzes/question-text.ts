import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * A question's texts (prompt, options, feedback) as safe HTML, by the question's `format`. Plain
 * text is escaped; Markdown is rendered with `marked`; HTML (from Moodle banks) is kept. Markdown
 * and HTML both go through one strict allow-list, since a bank's HTML is someone else's: no
 * scripts, styles, event handlers or frames, links only to http(s)/mailto, and images only from a
 * relative path (files carried into the content folder), never from another site.
 */

export type TextFormat = 'plain' | 'markdown' | 'html';

// A private instance, so no other code's `marked.use()` changes how questions render.
const markdown = new Marked({ gfm: true, breaks: false, async: false });

const RICH: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'ul',
    'ol',
    'li',
    'code',
    'pre',
    'sub',
    'sup',
    'a',
    'img',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href'], img: ['src', 'alt'], th: ['scope', 'colspan', 'rowspan'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  // No scheme at all for images: only relative paths remain (the content's own files).
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  // Moodle's editor writes <b> and <i>; they mean what <strong> and <em> say.
  transformTags: { b: 'strong', i: 'em' },
  // An image whose source was removed, or a link left without a target, would be an empty shell.
  exclusiveFilter: (frame) =>
    (frame.tag === 'img' && !frame.attribs.src) || (frame.tag === 'a' && !frame.attribs.href && !frame.text.trim()),
  disallowedTagsMode: 'discard',
  // Drop what is inside a script or style, not just its tags.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object'],
};

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The text as HTML that is safe to put in the page as is. */
export function renderQuestionText(text: string, format: TextFormat = 'plain'): string {
  switch (format) {
    case 'plain':
      return escapeHtml(text);
    case 'markdown':
      return sanitizeHtml(markdown.parse(text, { async: false }), RICH).trim();
    case 'html':
      return sanitizeHtml(text, RICH).trim();
  }
}

/** Whether the text renders as more than one line of text, so it needs a block (not a <legend> or <option>). */
export function isRichText(format: TextFormat | undefined): boolean {
  return format === 'markdown' || format === 'html';
}

/**
 * The text with its markup removed and its entities decoded, for places that hold only text: a
 * select's options, an aria-label, the answer key's list, the gradebook CSV.
 */
export function questionPlainText(text: string, format: TextFormat = 'plain'): string {
  if (format === 'plain') return text;
  const html = format === 'markdown' ? markdown.parse(text, { async: false }) : text;
  const flat = sanitizeHtml(html.replace(/<\/(p|li|tr|h\d)>|<br\s*\/?>/gi, ' $&'), {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: RICH.nonTextTags,
  });
  return flat
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
