/** Locale-aware number parsing: "1.234,56" (de-DE) and "1,234.56" (en-US) both → 1234.56. */
import type { TransformFn } from './base';
import { isEmpty, optString, preview, TransformFailure } from './base';

interface Separators {
  group: string;
  decimal: string;
}

const cache = new Map<string, Separators>();

/** Group and decimal separators of a locale, straight from Intl. */
export function separators(locale: string): Separators {
  let s = cache.get(locale);
  if (!s) {
    const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
    s = {
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    };
    cache.set(locale, s);
  }
  return s;
}

// Spaces, no-break spaces and apostrophes (de-CH "1’234.50") only ever group digits.
const SPACES = /[\s\u00a0\u202f'\u2019]/g;

export function parseLocaleNumber(text: string, locale: string): number {
  const { group, decimal } = separators(locale);
  let s = text.trim();
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    // Accounting style "(1,234.00)" is negative.
    negative = true;
    s = s.slice(1, -1);
  }
  // Currency symbols/codes and percent signs around the digits are decoration.
  s = s.replace(/^[^\d\-+.,]+|[^\d.,]+$/g, '').replace(SPACES, '');
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (s.includes(group)) {
    // "1.5" in de-DE is a typo, not fifteen: group separators must sit between groups of three digits.
    const esc = (c: string): string => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const grouped = new RegExp(`^\\d{1,3}(${esc(group)}\\d{3})+(${esc(decimal)}\\d*)?$`);
    if (!grouped.test(s)) throw new TransformFailure('INVALID_NUMBER', `"${preview(text)}" is not a number in ${locale} (grouping "${group}", decimal "${decimal}")`);
    s = s.split(group).join('');
  }
  if (decimal !== '.') {
    if (s.includes('.')) throw new TransformFailure('INVALID_NUMBER', `"${preview(text)}" is not a number in ${locale} (decimal separator is "${decimal}")`);
    s = s.replace(decimal, '.');
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) throw new TransformFailure('INVALID_NUMBER', `"${preview(text)}" is not a number in ${locale}`);
  const n = Number(s);
  return negative ? -n : n;
}

/** `locale` (else the mapping's, else en-US); `decimals` rounds; `integer: true` rejects fractions. */
export const number: TransformFn = (value, step, ctx) => {
  if (isEmpty(value)) return value;
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') n = parseLocaleNumber(value, optString(step, 'locale') ?? ctx.options.locale ?? 'en-US');
  else throw new TransformFailure('INVALID_NUMBER', `not a number: ${preview(value)}`);
  if (!Number.isFinite(n)) throw new TransformFailure('INVALID_NUMBER', `not a finite number: ${preview(value)}`);
  if (typeof step.decimals === 'number') n = Number(n.toFixed(step.decimals));
  if (step.integer === true && !Number.isInteger(n)) throw new TransformFailure('NOT_INTEGER', `${n} is not a whole number`);
  return n;
};
