/**
 * Snapshot hash: a stable digest of a record's canonical form. Fields whose value is empty are left
 * out when empty values count as null, so a system that omits empty columns hashes like one that
 * sends them empty.
 */
import { createHash } from 'node:crypto';
import { canonical, stableStringify } from './normalize';
import type { EquivalenceOptions, FieldValues } from './types';

export function recordHash(record: FieldValues, opts: EquivalenceOptions, ignore: ReadonlySet<string> = new Set()): string {
  const kept: FieldValues = {};
  for (const [field, value] of Object.entries(record)) {
    if (!ignore.has(field)) kept[field] = value;
  }
  const text = stableStringify(canonical(kept, opts));
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}
