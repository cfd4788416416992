/** Lower-case and strip diacritics, so "Ñúñez" and "nunez" match in search. */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/** Collapse inner whitespace and trim: names are printed on certificates exactly as stored. */
export function tidyName(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}
