/** Person names: split a full name into first/last and join them back. */
import type { TransformFn } from './base';
import { asText, isEmpty, TransformFailure } from './base';

// Lower-case particles that belong to the family name ("Ludwig van Beethoven" → last "van Beethoven").
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'ter', 'ten', 'zu']);
const SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv', 'phd', 'md']);
const TITLES = new Set(['mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'prof', 'prof.', 'herr', 'frau']);

export interface NameParts {
  first: string;
  last: string;
}

export function splitFullName(full: string): NameParts {
  const s = full.trim().replace(/\s+/g, ' ');
  if (s.includes(',')) {
    // "Doe, Jane" is the family-name-first form used by many exports.
    const [last, ...rest] = s.split(',');
    return { first: rest.join(',').trim(), last: last.trim() };
  }
  const words = s.split(' ').filter((w) => w !== '');
  while (words.length > 1 && TITLES.has(words[0].toLowerCase())) words.shift();
  const suffix: string[] = [];
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1].toLowerCase())) suffix.unshift(words.pop() as string);
  if (words.length === 0) return { first: '', last: '' };
  if (words.length === 1) return { first: '', last: [words[0], ...suffix].join(' ') };
  let cut = words.length - 1;
  while (cut > 1 && PARTICLES.has(words[cut - 1].toLowerCase())) cut -= 1;
  return { first: words.slice(0, cut).join(' '), last: [...words.slice(cut), ...suffix].join(' ') };
}

/** `part: "first" | "last"`; a one-word name is a last name (Salesforce requires LastName). */
export const splitName: TransformFn = (value, step) => {
  if (isEmpty(value)) return value;
  const part = step.part === 'first' ? 'first' : step.part === 'last' || step.part === undefined ? 'last' : null;
  if (!part) throw new TransformFailure('BAD_OPTION', `splitName: part must be "first" or "last"`);
  return splitFullName(asText(value, 'splitName'))[part];
};

/** [first, last] (from `sources`) → "First Last", or "Last, First" with `order: "last-first"`. */
export const joinName: TransformFn = (value, step) => {
  if (!Array.isArray(value)) return isEmpty(value) ? value : asText(value, 'joinName').trim();
  const [first, last] = value.map((v) => (isEmpty(v) ? '' : asText(v, 'joinName').trim()));
  if (!first) return last;
  if (!last) return first;
  return step.order === 'last-first' ? `${last}, ${first}` : `${first} ${last}`;
};
