/** Phone numbers to E.164 with libphonenumber-js; national numbers need a default country. */
import type { CountryCode } from 'libphonenumber-js';
import { isSupportedCountry, parsePhoneNumberWithError } from 'libphonenumber-js';
import type { TransformFn } from './base';
import { asText, isEmpty, optString, preview, TransformFailure } from './base';

/** `defaultCountry` (else the mapping's); `strict: true` also requires a valid number range, not just a plausible length. */
export const phone: TransformFn = (value, step, ctx) => {
  if (isEmpty(value)) return value;
  let raw: unknown = value;
  let country = optString(step, 'defaultCountry') ?? ctx.options.defaultCountry;
  if (raw && typeof raw === 'object' && 'phone' in raw) {
    // monday phone column: {phone, countryShortName}.
    const col = raw as { phone: unknown; countryShortName?: unknown };
    if (typeof col.countryShortName === 'string' && col.countryShortName) country = col.countryShortName;
    raw = col.phone;
  }
  const text = asText(raw, 'phone');
  if (country && !isSupportedCountry(country.toUpperCase())) throw new TransformFailure('BAD_OPTION', `unknown country "${country}"`);
  try {
    const parsed = parsePhoneNumberWithError(text, country ? (country.toUpperCase() as CountryCode) : undefined);
    const ok = step.strict === true ? parsed.isValid() : parsed.isPossible();
    if (!ok) throw new TransformFailure('INVALID_PHONE', `not a valid phone number: ${preview(value)}`);
    return parsed.number;
  } catch (err) {
    if (err instanceof TransformFailure) throw err;
    const hint = country ? '' : ' (no country code and no default country set)';
    throw new TransformFailure('INVALID_PHONE', `not a valid phone number: ${preview(value)}${hint}`);
  }
};
