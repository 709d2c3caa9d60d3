/** Guesses what sample values are (email, phone, date, amount…) so suggestions can use the data, not only the names. */
import type { FieldType } from '../types';

const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
const PHONE = /^\+?[\d\s().\-/]{7,20}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const LOCAL_DATE = /^\d{1,2}[./]\d{1,2}[./]\d{2,4}$/;
const AMOUNT = /^[-+(]?[^\d\s]{0,3}\s?\d{1,3}([.,'\s\u00a0]?\d{3})*([.,]\d+)?\s?[^\d\s]{0,3}\)?$/;
const URL = /^https?:\/\/\S+$/i;
const BOOL = /^(true|false|yes|no|y|n|checked|unchecked|on|off)$/i;

/** The kind of one value, or undefined for plain text. */
export function kindOf(value: unknown): FieldType | undefined {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : undefined;
  if (value && typeof value === 'object') {
    if ('email' in value) return 'email';
    if ('phone' in value) return 'phone';
    if ('date' in value) return 'date';
    if ('checked' in value) return 'boolean';
    if ('personsAndTeams' in value) return 'people';
    if ('label' in value) return 'picklist';
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (EMAIL.test(s)) return 'email';
  if (URL.test(s)) return 'url';
  if (ISO_DATETIME.test(s)) return 'datetime';
  if (ISO_DATE.test(s) || LOCAL_DATE.test(s)) return 'date';
  if (BOOL.test(s)) return 'boolean';
  // Phones before amounts: "+49 30 1234567" must not read as a number; plain digit runs stay amounts.
  if (PHONE.test(s) && /[+()\s\-/]/.test(s) && s.replace(/\D/g, '').length >= 7) return 'phone';
  if (AMOUNT.test(s) && /\d/.test(s)) return 'number';
  return undefined;
}

/** The kind most sample values share (≥ 80 % of the non-empty ones), else undefined. */
export function profileValues(values: unknown[]): FieldType | undefined {
  const present = values.filter((v) => v !== undefined && v !== null && v !== '');
  if (present.length === 0) return undefined;
  const counts = new Map<FieldType | undefined, number>();
  for (const v of present) {
    const k = kindOf(v);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const [best, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return n / present.length >= 0.8 ? best : undefined;
}
