/**
 * Field comparators: two normalized values → agreement level. Exact equality is always "agree";
 * what counts as "partial" depends on the kind (typo distance, nickname, shared subscriber number...).
 */
import { jaroWinkler } from '@skyra/jaro-winkler';
import { distance } from 'fastest-levenshtein';
import { swapDayMonth } from './dates';
import { emailLocalPart } from './email';
import { phoneTail } from './phone';
import { sortedTokens } from './text';
import type { AgreementLevel, FieldKind } from './types';

export interface Comparison {
  level: AgreementLevel;
  similarity: number;
}

/** Default similarity at or above which a non-identical value is a partial agreement, per kind. */
export const DEFAULT_PARTIAL_AT: Record<FieldKind, number> = {
  givenName: 0.88,
  surname: 0.88,
  fullName: 0.9,
  email: 0.92,
  phone: 1,
  company: 0.75,
  address: 0.85,
  city: 0.88,
  postcode: 0.8,
  date: 0.75,
  id: 0.8,
  domain: 1,
  text: 0.88,
  exact: 1,
};

/** 1 - normalized edit distance: good for codes and numbers where one typo should still be close. */
export function editSimilarity(a: string, b: string): number {
  const len = Math.max(a.length, b.length);
  return len === 0 ? 1 : 1 - distance(a, b) / len;
}

/** Best of Jaro-Winkler on the raw and token-sorted forms, so word order does not matter. */
export function textSimilarity(a: string, b: string): number {
  const direct = jaroWinkler(a, b);
  if (direct >= 0.99 || (!a.includes(' ') && !b.includes(' '))) return direct;
  return Math.max(direct, jaroWinkler(sortedTokens(a), sortedTokens(b)));
}

/**
 * Dice overlap of words, where two words match when they are near-identical (typos): organisation
 * names share long prefixes ("Henry Booth House ...") that make character-level Jaro-Winkler too lenient.
 */
export function tokenSimilarity(a: string, b: string): number {
  const ta = [...new Set(a.split(' ').filter(Boolean))];
  const tb = [...new Set(b.split(' ').filter(Boolean))];
  if (ta.length === 0 || tb.length === 0) return 0;
  const used = new Set<number>();
  let common = 0;
  for (const x of ta) {
    const k = tb.findIndex((y, i) => !used.has(i) && (x === y || (x.length > 3 && y.length > 3 && jaroWinkler(x, y) >= 0.92)));
    if (k >= 0) {
      used.add(k);
      common += 1;
    }
  }
  return (2 * common) / (ta.length + tb.length);
}

function nameSimilarity(a: string, b: string): number {
  // "jon" is usually a prefix slip of "jonathan"; initials ("j") agree partially with any j-name
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? 0.9 : 0;
  return textSimilarity(a, b);
}

function similarity(kind: FieldKind, a: string, b: string): number {
  switch (kind) {
    case 'givenName':
    case 'surname':
    case 'fullName':
      return nameSimilarity(a, b);
    case 'email':
      // same mailbox name elsewhere, or a typo or two; look-alike name-based addresses are not evidence
      return emailLocalPart(a) === emailLocalPart(b) ? 1 : editSimilarity(a, b);
    case 'phone': {
      const tail = phoneTail(a);
      return tail !== '' && tail === phoneTail(b) ? 1 : 0;
    }
    case 'date':
      return swapDayMonth(a) === b ? 1 : editSimilarity(a, b);
    case 'postcode':
    case 'id':
      return editSimilarity(a, b);
    case 'address':
      return Math.max(textSimilarity(a, b), editSimilarity(a, b));
    case 'company':
      return tokenSimilarity(a, b);
    case 'domain':
    case 'exact':
      return 0;
    default:
      return textSimilarity(a, b);
  }
}

export function compareValues(kind: FieldKind, a: string, b: string, partialAt = DEFAULT_PARTIAL_AT[kind]): Comparison {
  if (!a || !b) return { level: 'missing', similarity: 0 };
  if (a === b) return { level: 'agree', similarity: 1 };
  const sim = similarity(kind, a, b);
  return { level: sim >= partialAt ? 'partial' : 'disagree', similarity: Math.round(sim * 1000) / 1000 };
}
