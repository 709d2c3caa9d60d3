/** Company name normalization: legal-form suffixes and filler words do not tell two firms apart. */
import { normalizeText } from './text';

/**
 * Legal forms and their spelled-out variants, already in normalizeText form (so "S.A." is "s a" and
 * "Co." is "co"). Multi-word forms are listed as word sequences and removed only at the end of the name.
 */
const LEGAL_FORMS: string[] = [
  'inc', 'incorporated', 'llc', 'l l c', 'llp', 'l l p', 'lp', 'ltd', 'limited', 'plc', 'corp', 'corporation',
  'co', 'company', 'gmbh', 'gmbh co kg', 'co kg', 'kg', 'ag', 'se', 'sa', 's a', 'sas', 's a s', 'sarl', 's a r l',
  'srl', 's r l', 'spa', 's p a', 'bv', 'b v', 'nv', 'n v', 'oy', 'ab', 'as', 'a s', 'aps', 'pty', 'pty ltd',
  'pte', 'pte ltd', 'pvt', 'pvt ltd', 'private limited', 'kk', 'sl', 's l', 'sociedad anonima', 'ltda', 'cv',
  'de cv', 'sa de cv', 'gbr', 'ohg', 'ug', 'eg', 'ev', 'e v', 'the', 'holding', 'holdings', 'group',
];

const FORMS_BY_LENGTH = [...new Set(LEGAL_FORMS)]
  .map((f) => f.split(' '))
  .sort((a, b) => b.length - a.length);

/** Spelled-out words that vary within one name ("&" vs "and", "Intl" vs "International"). */
const WORD_EQUIVALENTS: Record<string, string> = {
  and: '&', intl: 'international', int: 'international', mfg: 'manufacturing', svcs: 'services',
  svc: 'services', tech: 'technology', technologies: 'technology', assoc: 'associates', bros: 'brothers',
  ctr: 'center', centre: 'center', natl: 'national', univ: 'university', dept: 'department',
};

function endsWith(words: string[], form: string[]): boolean {
  if (form.length >= words.length) return false;
  const start = words.length - form.length;
  return form.every((w, i) => words[start + i] === w);
}

/** "The ACME Corp., Inc." → "acme"; "Müller GmbH & Co. KG" → "muller". Never strips a name to nothing. */
export function normalizeCompany(value: string): string {
  const text = normalizeText(value.replace(/&/g, ' and '));
  let words = text.split(' ').filter(Boolean).map((w) => WORD_EQUIVALENTS[w] ?? w);
  if (words[0] === 'the' && words.length > 1) words = words.slice(1);
  let changed = true;
  while (changed) {
    changed = false;
    for (const form of FORMS_BY_LENGTH) {
      if (endsWith(words, form)) {
        words = words.slice(0, words.length - form.length);
        while (words.length > 1 && words[words.length - 1] === '&') words.pop();
        changed = true;
        break;
      }
    }
  }
  return words.join(' ');
}
