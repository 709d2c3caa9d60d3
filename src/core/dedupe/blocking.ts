/**
 * Blocking keys: a record is only compared with records sharing at least one key, so the cost grows
 * with the number of records rather than its square. Several independent keys per record keep recall
 * high when any single field has a typo.
 */
import { houseNumber } from './address';
import { soundex } from './phonetic';
import { phoneTail } from './phone';
import { emailLocalPart } from './email';
import type { BlockingRule, BlockingTransform } from './types';

const GENERIC_LOCAL_PARTS = new Set(['info', 'sales', 'admin', 'office', 'contact', 'hello', 'support', 'mail', 'team', 'noreply', 'enquiries']);

function transformPart(value: string, transform: BlockingTransform | undefined): string {
  switch (transform) {
    case 'soundex':
      return soundex(value.split(' ')[0] ?? '');
    case 'prefix3':
      return value.replace(/ /g, '').slice(0, 3);
    case 'prefix1':
      return value.slice(0, 1);
    case 'year':
      return value.length >= 4 ? value.slice(0, 4) : '';
    case 'firstWord':
      return houseNumber(value) || (value.split(' ')[0] ?? '');
    case 'tail7':
      return phoneTail(value);
    case 'emailLocal': {
      // short local parts ("info", "j") are shared by unrelated people
      const local = emailLocalPart(value);
      return local.length >= 4 && !GENERIC_LOCAL_PARTS.has(local) ? local : '';
    }
    default:
      return value;
  }
}

/** The block keys of one record's normalized values ("rule:part|part"); rules with a missing part are skipped. */
export function blockingKeys(values: Record<string, string>, rules: BlockingRule[]): string[] {
  const keys: string[] = [];
  for (const rule of rules) {
    const parts: string[] = [];
    for (const part of rule.parts) {
      const v = transformPart(values[part.field] ?? '', part.transform);
      if (!v) break;
      parts.push(v);
    }
    if (parts.length === rule.parts.length) keys.push(`${rule.name}:${(rule.unordered ? parts.sort() : parts).join('|')}`);
  }
  return keys;
}

/**
 * Candidate pairs from blocks. Small blocks give all their pairs; a block over `maxBlockSize` (a common
 * surname, a shared switchboard number) is sorted and only records within `window` of each other are
 * paired, so no block costs more than window × size comparisons.
 * `isNew(i)` marks batch records: pairs of two already-indexed records were compared in earlier runs.
 * A generator that pauses after each block, so a caller can yield the event loop on big batches.
 */
export function* candidatePairs(
  blocks: Map<string, number[]>,
  sortKey: (i: number) => string,
  isNew: (i: number) => boolean,
  options: { maxBlockSize: number; window: number },
  visit: (i: number, j: number) => void,
): Generator<void, void, undefined> {
  const seen = new Set<number>();
  const emit = (a: number, b: number): void => {
    if (a === b || (!isNew(a) && !isNew(b))) return;
    const [i, j] = a < b ? [a, b] : [b, a];
    const key = i * 4294967296 + j;
    if (seen.has(key)) return;
    seen.add(key);
    visit(i, j);
  };
  for (const members of blocks.values()) {
    if (members.length < 2) continue;
    if (members.length <= options.maxBlockSize) {
      for (let x = 0; x < members.length; x += 1) for (let y = x + 1; y < members.length; y += 1) emit(members[x], members[y]);
      yield;
      continue;
    }
    const sorted = [...members].sort((a, b) => {
      const ka = sortKey(a);
      const kb = sortKey(b);
      return ka < kb ? -1 : ka > kb ? 1 : a - b;
    });
    for (let x = 0; x < sorted.length; x += 1) {
      for (let y = x + 1; y < Math.min(sorted.length, x + 1 + options.window); y += 1) emit(sorted[x], sorted[y]);
    }
    yield;
  }
}
