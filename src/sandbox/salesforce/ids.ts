import { randomBytes } from 'node:crypto';

/**
 * Salesforce record ids: 3-character key prefix + 12 base-62 characters (15, case-sensitive) plus a
 * 3-character suffix that encodes the case of the first 15 (18, case-insensitive-safe). The twin hands out
 * increasing counters so ids sort in creation order, which keeps (SystemModstamp, Id) cursors meaningful.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export function to18(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX[bits];
  }
  return id15 + suffix;
}

export function makeId(prefix: string, counter: number, pod = '8c0'): string {
  let n = counter;
  let body = '';
  for (let i = 0; i < 9; i++) {
    body = BASE62[n % 62] + body;
    n = Math.floor(n / 62);
  }
  return to18(prefix + pod + body);
}

const ID_RE = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

/** Normalises a 15- or 18-character id to 18 characters; undefined when it is not shaped like an id. */
export function normalizeId(value: string): string | undefined {
  if (!ID_RE.test(value)) return undefined;
  // An 18-character id is matched on its first 15 characters; the suffix only restores case information.
  return to18(value.slice(0, 15));
}

/** Opaque base-62 tokens (session ids, refresh tokens, locators). */
export function token(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[bytes[i] % 62];
  return out;
}
