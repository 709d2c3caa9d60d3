/**
 * Profiles from a field table (the node's editor): start from a built-in profile and override kinds and
 * m/u per field, or describe a custom profile from scratch; blocking rules are derived when none exist.
 */
import { DEFAULT_PARTIAL_AT } from './compare';
import { FIELD_KINDS, PROFILES } from './profiles';
import type { BlockingRule, FieldKind, FieldSpec, Profile } from './types';

export interface FieldRow {
  field: string;
  kind?: FieldKind;
  m?: number;
  u?: number;
  pm?: number;
  pu?: number;
  partialAt?: number;
}

/** Typical m/u per kind, used for custom fields the user gives no probabilities for. */
const KIND_DEFAULTS: Record<FieldKind, Pick<FieldSpec, 'm' | 'u' | 'pm' | 'pu'>> = {
  givenName: { m: 0.88, u: 0.01, pm: 0.08, pu: 0.04 },
  surname: { m: 0.88, u: 0.004, pm: 0.08, pu: 0.02 },
  fullName: { m: 0.85, u: 0.001, pm: 0.1, pu: 0.01 },
  email: { m: 0.85, u: 0.0001, pm: 0.05, pu: 0.002 },
  phone: { m: 0.8, u: 0.0005, pm: 0.05, pu: 0.002 },
  company: { m: 0.8, u: 0.005, pm: 0.12, pu: 0.02 },
  address: { m: 0.8, u: 0.001, pm: 0.12, pu: 0.01 },
  city: { m: 0.85, u: 0.05, pm: 0.06, pu: 0.02 },
  postcode: { m: 0.85, u: 0.01, pm: 0.06, pu: 0.03 },
  date: { m: 0.88, u: 0.002, pm: 0.08, pu: 0.01 },
  id: { m: 0.9, u: 0.0001, pm: 0.05, pu: 0.001 },
  domain: { m: 0.85, u: 0.001, pm: 0, pu: 0 },
  text: { m: 0.8, u: 0.01, pm: 0.1, pu: 0.03 },
  exact: { m: 0.9, u: 0.1, pm: 0, pu: 0 },
};

const STRONG: FieldKind[] = ['email', 'phone', 'id', 'domain'];
const NAMES: FieldKind[] = ['surname', 'fullName', 'company'];
const CONTEXT: FieldKind[] = ['givenName', 'date', 'postcode', 'city', 'address'];

/** Blocking for an arbitrary field list: strong identifiers alone, names by sound combined with context. */
export function deriveBlocking(fields: FieldSpec[]): BlockingRule[] {
  const rules: BlockingRule[] = [];
  for (const f of fields.filter((x) => STRONG.includes(x.kind))) rules.push({ name: `v-${f.field}`, parts: [{ field: f.field }] });
  const names = fields.filter((x) => NAMES.includes(x.kind));
  const context = fields.filter((x) => CONTEXT.includes(x.kind));
  for (const n of names) {
    rules.push({ name: `sx-${n.field}`, parts: [{ field: n.field, transform: 'soundex' }, { field: n.field, transform: 'prefix3' }] });
    for (const c of context) {
      const transform = c.kind === 'givenName' ? 'prefix1' : c.kind === 'address' ? 'firstWord' : 'value';
      rules.push({ name: `sx-${n.field}-${c.field}`, parts: [{ field: n.field, transform: 'soundex' }, { field: c.field, transform }] });
    }
  }
  if (names.length === 0) for (const c of context) rules.push({ name: `v-${c.field}`, parts: [{ field: c.field }] });
  return rules;
}

function valid(p: number | undefined, lo: number, hi: number): p is number {
  return typeof p === 'number' && Number.isFinite(p) && p > lo && p < hi;
}

/** Checks a probability set: 0 < u < m < 1 and the levels of each side sum to less than 1. */
export function checkSpec(spec: FieldSpec): string | undefined {
  if (!FIELD_KINDS.includes(spec.kind)) return `field "${spec.field}": unknown kind "${spec.kind}"`;
  if (!valid(spec.m, 0, 1) || !valid(spec.u, 0, 1)) return `field "${spec.field}": m and u must be between 0 and 1`;
  if (spec.u >= spec.m) return `field "${spec.field}": u (chance agreement) must be smaller than m`;
  if (spec.m + (spec.pm ?? 0) >= 1 || spec.u + (spec.pu ?? 0) >= 1) return `field "${spec.field}": m + partial m and u + partial u must stay below 1`;
  return undefined;
}

/**
 * The effective profile: `base` ('lead' | 'contact' | 'account' | 'custom') narrowed to the rows' fields
 * with their overrides. Throws a plain Error naming the bad row; the node reports it as configuration.
 */
export function buildProfile(base: string, rows: FieldRow[]): Profile {
  const builtIn = PROFILES[base];
  const fields: FieldSpec[] = [];
  for (const row of rows) {
    const known = builtIn?.fields.find((f) => f.field === row.field);
    const kind = row.kind ?? known?.kind ?? 'text';
    const defaults = known && known.kind === kind ? known : { ...KIND_DEFAULTS[kind] };
    const spec: FieldSpec = {
      field: row.field,
      kind,
      m: row.m ?? defaults.m,
      u: row.u ?? defaults.u,
      pm: row.pm ?? defaults.pm,
      pu: row.pu ?? defaults.pu,
      partialAt: row.partialAt ?? DEFAULT_PARTIAL_AT[kind],
    };
    const problem = checkSpec(spec);
    if (problem) throw new Error(problem);
    fields.push(spec);
  }
  if (fields.length === 0) throw new Error('the field table is empty: map at least one record key to a profile field');
  const names = new Set(fields.map((f) => f.field));
  const inherited = builtIn?.blocking.filter((r) => r.parts.every((p) => names.has(p.field))) ?? [];
  const requireAny = builtIn?.requireAny.filter((f) => names.has(f)) ?? [];
  return {
    name: builtIn ? base : 'custom',
    fields,
    blocking: inherited.length > 0 ? inherited : deriveBlocking(fields),
    requireAny: requireAny.length > 0 ? requireAny : fields.filter((f) => f.kind !== 'exact' && f.kind !== 'city').map((f) => f.field),
    swaps: builtIn?.swaps?.filter(([a, b]) => names.has(a) && names.has(b)),
    thresholds: builtIn?.thresholds ?? { match: 10, review: 4 },
  };
}
