import { esMX } from './es-MX.ts';

export type MessageKey = keyof typeof esMX;
export type MessageParams = Record<string, string | number>;

/**
 * Looks up a message and fills its `{name}` parameters. Unknown keys fail loudly. A value that
 * ends in a period ("12:01 p.m.", "Jr.") lends it to the sentence it ends, as the RAE asks for an
 * abbreviation: "Lo envió el 23 nov 2026, 12:01 p.m." never gets a second one.
 */
export function t(key: MessageKey, params: MessageParams = {}): string {
  const template: string | undefined = esMX[key];
  if (template === undefined) throw new Error(`Missing i18n key: ${key}`);
  return template.replace(/\{(\w+)\}(\.?)/g, (match, name: string, period: string) => {
    if (!(name in params)) return match;
    const value = String(params[name]);
    return period && value.endsWith('.') ? value : value + period;
  });
}

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(esMX, key);
}

export const LOCALE = 'es-MX';
export const TIME_ZONE = 'America/Mexico_City';
