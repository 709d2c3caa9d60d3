/**
 * Value equivalence. Every value is turned into a canonical form; two values are equal when their
 * canonical keys are equal. The same canonical form feeds the snapshot hash, so "what counts as the
 * same value" is defined once, here.
 *
 * Rules (each switchable through EquivalenceOptions except the first):
 * - undefined and null are always the same (JSON has no undefined);
 * - emptyEqualsNull: "" (and, with trimStrings, white space only) is null;
 * - numericStrings: a string in plain decimal form ("42", "-3.5", "1e3"; no leading zeros, no "+",
 *   at most 15 significant digits so precision is never lost) equals the number; "01234" stays text;
 * - datesAsInstants: ISO 8601 date-times ("2024-05-01T10:00:00+02:00", Salesforce's "+0000",
 *   a space instead of "T"; without an offset they are read as UTC) and Date objects compare as
 *   instants; date-only strings ("2024-05-01") compare as text;
 * - arraysUnordered: arrays compare as multisets;
 * - objects compare key by key whatever the key order.
 */
import type { EquivalenceOptions } from './types';

export const DEFAULT_EQUIVALENCE: EquivalenceOptions = {
  emptyEqualsNull: true,
  numericStrings: true,
  datesAsInstants: true,
  arraysUnordered: false,
  trimStrings: false,
};

const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const MAX_SIGNIFICANT = 15;

/** Canonical form tags keep a date instant distinct from a string that happens to read the same. */
type Canonical = null | boolean | number | string | { $t: string } | Canonical[] | { [k: string]: Canonical };

function numericValue(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const mantissa = text.split(/[eE]/)[0].replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  if (mantissa.length > MAX_SIGNIFICANT) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Epoch ms of an ISO 8601 date-time string, or undefined when the text is not one. */
export function parseInstant(text: string): number | undefined {
  if (!DATE_TIME.test(text)) return undefined;
  let iso = text.replace(' ', 'T');
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(iso)) iso += 'Z';
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : undefined;
}

function canonicalString(value: string, opts: EquivalenceOptions): Canonical {
  const text = opts.trimStrings ? value.trim() : value;
  if (text === '' && opts.emptyEqualsNull) return null;
  if (opts.numericStrings) {
    const n = numericValue(text);
    if (n !== undefined) return n;
  }
  if (opts.datesAsInstants) {
    const ms = parseInstant(text);
    if (ms !== undefined) return { $t: new Date(ms).toISOString() };
  }
  return text;
}

export function canonical(value: unknown, opts: EquivalenceOptions): Canonical {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return canonicalString(value, opts);
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isFinite(ms) ? (opts.datesAsInstants ? { $t: value.toISOString() } : value.toISOString()) : null;
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v, opts));
    if (!opts.arraysUnordered) return items;
    return items
      .map((item) => [stableStringify(item), item] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([, item]) => item);
  }
  if (typeof value === 'object') {
    const out: { [k: string]: Canonical } = {};
    for (const k of Object.keys(value).sort()) {
      const v = canonical((value as Record<string, unknown>)[k], opts);
      if (v !== null || !opts.emptyEqualsNull) out[k] = v;
    }
    return out;
  }
  return String(value);
}

/** JSON with object keys sorted, so equal structures give equal text. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts = Object.keys(obj)
    .sort()
    .filter((k) => obj[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`);
  return `{${parts.join(',')}}`;
}

/** The comparison key of a value: equal keys mean equivalent values. */
export function valueKey(value: unknown, opts: EquivalenceOptions): string {
  return stableStringify(canonical(value, opts));
}

export function sameValue(a: unknown, b: unknown, opts: EquivalenceOptions): boolean {
  return valueKey(a, opts) === valueKey(b, opts);
}
