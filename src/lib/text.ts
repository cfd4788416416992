/** Lower-case and strip diacritics, so "Ñúñez" and "nunez" match in search. */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}
