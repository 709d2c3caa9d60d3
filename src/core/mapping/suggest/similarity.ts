/** Name similarity between a source and a target field: exact, synonym, then fuzzy (Jaro-Winkler + Levenshtein + tokens). */
import { jaroWinkler } from '@skyra/jaro-winkler';
import { distance } from 'fastest-levenshtein';
import type { TargetField } from '../types';
import { areSynonyms } from './synonyms';
import { compact, tokenize } from './tokens';

export interface NameMatch {
  score: number;
  reason: string;
}

interface Term {
  text: string;
  compact: string;
  tokens: string[];
  isLabel: boolean;
}

function terms(field: TargetField): Term[] {
  const out: Term[] = [];
  for (const [text, isLabel] of [[field.label, true], [field.name, false]] as Array<[string | undefined, boolean]>) {
    if (!text) continue;
    const c = compact(text);
    // monday column ids such as "text_mkx1" carry no meaning beyond their type.
    if (c === '' || out.some((t) => t.compact === c)) continue;
    out.push({ text, compact: c, tokens: tokenize(text), isLabel });
  }
  return out;
}

function tokenOverlap(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const hit = (t: string, others: string[]): boolean => others.some((o) => o === t || areSynonyms(o, t));
  const common = a.filter((t) => hit(t, b)).length + b.filter((t) => hit(t, a)).length;
  return common / (a.length + b.length);
}

function fuzzy(a: Term, b: Term): number {
  const lev = 1 - distance(a.compact, b.compact) / Math.max(a.compact.length, b.compact.length);
  const jw = jaroWinkler(a.compact, b.compact);
  return Math.max((jw + lev) / 2, tokenOverlap(a.tokens, b.tokens));
}

/**
 * Label-to-label evidence counts fully; anything involving an API name or column id counts 0.9,
 * because ids like "Name" on Account mean "Account Name" to users.
 */
export function nameSimilarity(source: TargetField, target: TargetField): NameMatch {
  let best: NameMatch = { score: 0, reason: '' };
  for (const s of terms(source)) {
    for (const t of terms(target)) {
      const weight = s.isLabel && t.isLabel ? 1 : 0.9;
      let score: number;
      let reason: string;
      if (s.compact === t.compact) [score, reason] = [1, `same name "${t.text}"`];
      else if (areSynonyms(s.compact, t.compact)) [score, reason] = [0.95, `"${s.text}" is a synonym of "${t.text}"`];
      else [score, reason] = [0.85 * fuzzy(s, t), `"${s.text}" looks like "${t.text}"`];
      if (score * weight > best.score) best = { score: score * weight, reason };
    }
  }
  return best;
}
