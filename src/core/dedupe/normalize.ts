/** Dispatches a raw field value to the normalizer of its kind. Pure; '' means "missing". */
import { normalizeAddress } from './address';
import { normalizeCompany } from './company';
import { normalizeDate } from './dates';
import { normalizeEmail } from './email';
import { canonicalGivenName } from './nicknames';
import { normalizePhone } from './phone';
import { normalizeText } from './text';
import type { FieldKind, NormalizeOptions } from './types';

/** "https://www.Acme.com/about" → "acme.com"; also accepts bare e-mail addresses. */
export function normalizeDomain(value: string): string {
  const text = value.trim().toLowerCase();
  const host = text.includes('@') && !text.includes('/') ? text.slice(text.lastIndexOf('@') + 1) : text.replace(/^[a-z]+:\/\//, '').split(/[/?#:]/)[0];
  const domain = host.replace(/^www\d?\./, '').replace(/\.+$/, '');
  // "yes", "n/a", "none": not a domain, so not evidence of anything
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : '';
}

function givenName(value: string): string {
  return normalizeText(value)
    .split(' ')
    .filter(Boolean)
    .map(canonicalGivenName)
    .join(' ');
}

export function normalizeField(kind: FieldKind, raw: unknown, options: NormalizeOptions = {}): string {
  if (raw === null || raw === undefined) return '';
  if (kind === 'date') return normalizeDate(raw);
  const value = String(raw);
  switch (kind) {
    case 'givenName':
      return givenName(value);
    case 'fullName': {
      const [first, ...rest] = normalizeText(value).split(' ');
      return [canonicalGivenName(first ?? ''), ...rest].join(' ').trim();
    }
    case 'email':
      return normalizeEmail(value, options);
    case 'phone':
      return normalizePhone(value, options.defaultCountry);
    case 'company':
      return normalizeCompany(value);
    case 'address':
      return normalizeAddress(value);
    case 'postcode':
    case 'id':
      return normalizeText(value).replace(/ /g, '');
    case 'domain':
      return normalizeDomain(value);
    default:
      return normalizeText(value);
  }
}
