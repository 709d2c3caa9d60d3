/**
 * Pure text normalizers. Each does one thing so profiles can combine them and tests can pin each down.
 * Everything returns '' for "no usable value" so callers treat empty as missing.
 */

/** Lower-cases with the locale-independent rules so "İ" and "I" behave the same on every server. */
export function foldCase(value: string): string {
  return value.toLowerCase();
}

/** Strips accents by decomposing (NFD) and dropping combining marks: "José Müller" → "Jose Muller". */
export function stripAccents(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[Øø]/g, (c) => (c === 'Ø' ? 'O' : 'o'))
    .replace(/[Łł]/g, (c) => (c === 'Ł' ? 'L' : 'l'))
    .replace(/Æ/g, 'AE')
    .replace(/æ/g, 'ae');
}

/** Collapses runs of whitespace (including NBSP) and control characters (NUL...) to one space and trims. */
export function collapseWhitespace(value: string): string {
  return value.replace(/[\s\u00a0\u200b\p{Cc}]+/gu, ' ').trim();
}

/** Replaces punctuation and symbols by spaces; apostrophes vanish so "O'Brien" → "OBrien". */
export function stripPunctuation(value: string): string {
  return value.replace(/['’`´]/g, '').replace(/[\p{P}\p{S}]+/gu, ' ');
}

/** The base text key: case-folded, accent-free, punctuation-free, single-spaced. */
export function normalizeText(value: string): string {
  return collapseWhitespace(stripPunctuation(stripAccents(foldCase(value))));
}

/** Digits only, for phone/postcode/id comparisons. */
export function digitsOnly(value: string): string {
  return value.replace(/\D+/g, '');
}

/** Sorted unique tokens: word order stops mattering ("Smith John" vs "John Smith"). */
export function sortedTokens(value: string): string {
  return [...new Set(value.split(' ').filter(Boolean))].sort().join(' ');
}
