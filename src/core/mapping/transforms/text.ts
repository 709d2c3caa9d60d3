/** Text clean-up transforms: trim, case, truncation to the target length, email normalisation. */
import type { TransformFn } from './base';
import { asText, isEmpty, preview, TransformFailure } from './base';

export const trim: TransformFn = (value) => (isEmpty(value) ? value : asText(value, 'trim').trim().replace(/\s+/g, ' '));

export const lower: TransformFn = (value) => (isEmpty(value) ? value : asText(value, 'lower').toLowerCase());

export const upper: TransformFn = (value) => (isEmpty(value) ? value : asText(value, 'upper').toUpperCase());

/** Any scalar as text; objects (monday column values) via their `text` property when present. */
export const text: TransformFn = (value) => {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'text' in value) return (value as { text: unknown }).text;
  return isEmpty(value) ? value : asText(value, 'text');
};

/** Cuts to `length` (or the target field's length), counting user-visible characters, not UTF-16 units. */
export const truncate: TransformFn = (value, step, ctx) => {
  if (isEmpty(value)) return value;
  const max = typeof step.length === 'number' ? step.length : ctx.field?.length;
  const s = asText(value, 'truncate');
  if (!max || max <= 0) return s;
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  const ellipsis = typeof step.ellipsis === 'string' ? step.ellipsis : '';
  return chars.slice(0, Math.max(0, max - Array.from(ellipsis).length)).join('') + ellipsis;
};

/** Concatenates several sources (array input) with a separator, skipping empty parts. */
export const join: TransformFn = (value, step) => {
  if (!Array.isArray(value)) return value;
  const sep = typeof step.separator === 'string' ? step.separator : ' ';
  return value
    .filter((v) => !isEmpty(v))
    .map((v) => asText(v, 'join').trim())
    .join(sep);
};

// Deliberately simple: the goal is catching typos and junk, not RFC 5322 conformance.
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

/** "Jane <JANE@Example.COM>", "mailto:…" or a monday email column → "jane@example.com". */
export const email: TransformFn = (value) => {
  if (isEmpty(value)) return value;
  let raw: unknown = value;
  if (raw && typeof raw === 'object' && 'email' in raw) raw = (raw as { email: unknown }).email;
  let s = asText(raw, 'email').trim();
  const angle = /<([^>]+)>/.exec(s);
  if (angle) s = angle[1];
  s = s.replace(/^mailto:/i, '').trim().toLowerCase();
  if (!EMAIL.test(s)) throw new TransformFailure('INVALID_EMAIL', `not a valid email address: ${preview(value)}`);
  return s;
};
