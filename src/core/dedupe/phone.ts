/** Phone normalization to E.164 via libphonenumber-js, with a digits-only fallback for local numbers. */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';
import { digitsOnly } from './text';

/**
 * "+1 (312) 555-1234", "312.555.1234" (default US) → "+13125551234". Numbers the library cannot
 * place (7-digit local numbers, extensions-only) fall back to their digits so they still compare.
 */
export function normalizePhone(value: string, defaultCountry: string = 'US'): string {
  const raw = value.trim();
  if (!raw) return '';
  const digits = digitsOnly(raw);
  if (digits.length < 5 || digits.length > 17) return '';
  const country = /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  try {
    const parsed = parsePhoneNumberFromString(raw, country);
    if (parsed && parsed.isPossible()) return parsed.number;
  } catch {
    // libphonenumber throws on some garbage; the digits fallback below still gives a usable key
  }
  return digits;
}

/** The last 7 digits: the subscriber number that survives missing or wrong area/country codes. */
export function phoneTail(normalized: string): string {
  const digits = digitsOnly(normalized);
  return digits.length >= 7 ? digits.slice(-7) : '';
}
