import { esMX } from './es-MX.ts';

export type MessageKey = keyof typeof esMX;
export type MessageParams = Record<string, string | number>;

/** A message cut once into its text and its `{name}` slots (with the period that may follow one). */
type Slot = { name: string; period: boolean };
const compiled = new Map<string, string | readonly (string | Slot)[]>();

function compile(template: string): string | readonly (string | Slot)[] {
  if (!template.includes('{')) return template;
  const parts: (string | Slot)[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}(\.?)/g)) {
    parts.push(template.slice(last, match.index), { name: match[1] as string, period: match[2] === '.' });
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}

/**
 * Looks up a message and fills its `{name}` parameters. Unknown keys fail loudly. A value that
 * ends in a period ("12:01 p.m.", "Jr.") lends it to the sentence it ends, as the RAE asks for an
 * abbreviation: "Lo envió el 23 nov 2026, 12:01 p.m." never gets a second one. Each message is
 * parsed on its first use: a gradebook page fills a thousand of them.
 */
export function t(key: MessageKey, params: MessageParams = {}): string {
  let message = compiled.get(key);
  if (message === undefined) {
    const template: string | undefined = esMX[key];
    if (template === undefined) throw new Error(`Missing i18n key: ${key}`);
    message = compile(template);
    compiled.set(key, message);
  }
  if (typeof message === 'string') return message;
  let text = '';
  for (const part of message) {
    if (typeof part === 'string') text += part;
    else if (!(part.name in params)) text += part.period ? `{${part.name}}.` : `{${part.name}}`;
    else {
      const value = String(params[part.name]);
      text += part.period && !value.endsWith('.') ? `${value}.` : value;
    }
  }
  return text;
}

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(esMX, key);
}

export const LOCALE = 'es-MX';
export const TIME_ZONE = 'America/Mexico_City';
