/**
 * Default profiles. m/u values are general priors for CRM data (not fitted to any one data set):
 * m is how often a true duplicate keeps the value (typos, moves and new phones lower it), u is how
 * often two different people/companies share it by chance (high for city, tiny for e-mail).
 */
import type { BlockingRule, FieldKind, FieldSpec, Profile } from './types';

function f(field: string, kind: FieldKind, m: number, u: number, pm = 0, pu = 0): FieldSpec {
  return { field, kind, m, u, pm, pu };
}

const PERSON_BLOCKING: BlockingRule[] = [
  { name: 'email', parts: [{ field: 'email' }] },
  { name: 'phone', parts: [{ field: 'phone' }] },
  { name: 'id', parts: [{ field: 'idNumber' }] },
  { name: 'email-local', parts: [{ field: 'email', transform: 'emailLocal' }] },
  { name: 'sx-last-first', parts: [{ field: 'lastName', transform: 'soundex' }, { field: 'firstName', transform: 'prefix1' }] },
  { name: 'sx-names', parts: [{ field: 'lastName', transform: 'soundex' }, { field: 'firstName', transform: 'soundex' }], unordered: true },
  { name: 'sx-first-dob', parts: [{ field: 'firstName', transform: 'soundex' }, { field: 'dob' }] },
  { name: 'last3-dob', parts: [{ field: 'lastName', transform: 'prefix3' }, { field: 'dob', transform: 'year' }] },
  { name: 'last3-zip', parts: [{ field: 'lastName', transform: 'prefix3' }, { field: 'postcode' }] },
  { name: 'street-zip', parts: [{ field: 'street', transform: 'firstWord' }, { field: 'postcode' }] },
  { name: 'sx-first-city', parts: [{ field: 'firstName', transform: 'soundex' }, { field: 'city' }] },
];

const PERSON_FIELDS: FieldSpec[] = [
  f('firstName', 'givenName', 0.88, 0.01, 0.08, 0.04),
  f('lastName', 'surname', 0.88, 0.004, 0.08, 0.02),
  f('email', 'email', 0.85, 0.0001, 0.05, 0.002),
  f('phone', 'phone', 0.8, 0.0005, 0.05, 0.002),
  f('dob', 'date', 0.88, 0.002, 0.08, 0.01),
  f('street', 'address', 0.8, 0.001, 0.12, 0.01),
  f('city', 'city', 0.85, 0.05, 0.06, 0.02),
  f('postcode', 'postcode', 0.85, 0.01, 0.06, 0.03),
  f('region', 'exact', 0.92, 0.2),
  f('country', 'exact', 0.95, 0.5),
  f('idNumber', 'id', 0.88, 0.0001, 0.08, 0.001),
];

/** Contacts: people with the full set of person attributes. */
export const CONTACT_PROFILE: Profile = {
  name: 'contact',
  fields: [...PERSON_FIELDS, f('company', 'company', 0.75, 0.01, 0.1, 0.02)],
  blocking: PERSON_BLOCKING,
  requireAny: ['lastName', 'firstName', 'email', 'phone', 'idNumber'],
  swaps: [['firstName', 'lastName']],
  thresholds: { match: 8, review: 3 },
};

/** Leads: fewer attributes; company and e-mail carry most of the evidence. */
export const LEAD_PROFILE: Profile = {
  name: 'lead',
  fields: [
    ...PERSON_FIELDS.filter((x) => ['firstName', 'lastName', 'email', 'phone', 'city', 'postcode', 'country'].includes(x.field)),
    f('company', 'company', 0.8, 0.01, 0.1, 0.02),
    f('website', 'domain', 0.85, 0.001),
  ],
  blocking: [
    ...PERSON_BLOCKING.filter((b) => !b.parts.some((p) => p.field === 'dob' || p.field === 'idNumber' || p.field === 'street')),
    { name: 'sx-last-company', parts: [{ field: 'lastName', transform: 'soundex' }, { field: 'company', transform: 'prefix3' }] },
  ],
  requireAny: ['lastName', 'firstName', 'email', 'phone', 'company'],
  swaps: [['firstName', 'lastName']],
  thresholds: { match: 8, review: 3 },
};

/** Accounts: organisations. Names vary a lot ("Acme Inc" vs "ACME Corporation"), addresses and phones less. */
export const ACCOUNT_PROFILE: Profile = {
  name: 'account',
  fields: [
    f('name', 'company', 0.8, 0.002, 0.15, 0.01),
    f('website', 'domain', 0.85, 0.0005),
    f('email', 'email', 0.7, 0.0005, 0.05, 0.002),
    f('phone', 'phone', 0.75, 0.003, 0.05, 0.005),
    f('street', 'address', 0.8, 0.002, 0.17, 0.01),
    f('city', 'city', 0.85, 0.1, 0.05, 0.02),
    f('postcode', 'postcode', 0.85, 0.02, 0.05, 0.03),
    f('region', 'exact', 0.92, 0.2),
    f('country', 'exact', 0.95, 0.5),
    f('taxId', 'id', 0.9, 0.0001, 0.05, 0.001),
  ],
  blocking: [
    { name: 'domain', parts: [{ field: 'website' }] },
    { name: 'phone', parts: [{ field: 'phone' }] },
    { name: 'email', parts: [{ field: 'email' }] },
    { name: 'tax', parts: [{ field: 'taxId' }] },
    { name: 'name', parts: [{ field: 'name' }] },
    { name: 'sx-name-zip', parts: [{ field: 'name', transform: 'soundex' }, { field: 'postcode' }] },
    { name: 'street', parts: [{ field: 'street' }] },
    { name: 'house-street', parts: [{ field: 'street', transform: 'firstWord' }, { field: 'name', transform: 'prefix3' }] },
  ],
  requireAny: ['name', 'website', 'email', 'phone'],
  // organisations share phones, e-mail and web sites across branches, so ask for more evidence
  thresholds: { match: 10, review: 5 },
};

export const PROFILES: Record<string, Profile> = {
  lead: LEAD_PROFILE,
  contact: CONTACT_PROFILE,
  account: ACCOUNT_PROFILE,
};

export const FIELD_KINDS: FieldKind[] = [
  'givenName', 'surname', 'fullName', 'email', 'phone', 'company', 'address', 'city', 'postcode', 'date', 'id', 'domain', 'text', 'exact',
];
