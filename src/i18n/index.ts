import { esMX } from './es-MX.ts';

export type MessageKey = keyof typeof esMX;
export type MessageParams = Record<string, string | number>;

/** Looks up a message and fills its `{name}` parameters. Unknown keys fail loudly. */
export function t(key: MessageKey, params: MessageParams = {}): string {
  const template: string | undefined = esMX[key];
  if (template === undefined) throw new Error(`Missing i18n key: ${key}`);
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(esMX, key);
}

export const LOCALE = 'es-MX';
export const TIME_ZONE = 'America/Mexico_City';
