/**
 * SOQL bind values: user values become literals through one formatter, never by concatenation.
 * `soql` is a tagged template; `bindSoql` fills `:name` placeholders from an object (msg.params).
 * Strings are quoted with Salesforce's escapes (\\ \' \" \n \r \t \b \f, \uXXXX for other
 * control characters); LIKE patterns also escape \_ and \%.
 */
import { badInput } from './errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;

/** A value to compare with LIKE: `%` / `_` in the user's text match literally; `match` adds wildcards. */
export interface LikeValue {
  $like: string;
  match?: 'contains' | 'startsWith' | 'endsWith' | 'exact';
}

/** Explicit date / datetime literals (JSON has no Date type): `{"$date": "2024-05-01"}`, `{"$datetime": "...Z"}`. */
export type DateValue = { $date: string } | { $datetime: string };

export type SoqlValue = string | number | bigint | boolean | null | Date | LikeValue | DateValue | SoqlValue[];

const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** The body of a quoted SOQL string literal (without quotes). */
export function escapeSoqlString(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\\'"\n\r\t\b\f\u0000-\u001f\u007f]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** LIKE needs \_ and \% on top of the string escapes, so the user's text matches literally. */
export function escapeSoqlLike(value: string): string {
  return escapeSoqlString(value).replace(/[_%]/g, (c) => `\\${c}`);
}

function formatNumber(n: number, name: string): string {
  if (!Number.isFinite(n)) throw badInput('SF_BAD_BIND', `Bind value ${name} is not a finite number`, { name, reason: 'not a finite number' });
  // No exponent notation in SOQL: 1e21 must be written out.
  return Math.abs(n) >= 1e21 || (n !== 0 && Math.abs(n) < 1e-6) ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : String(n);
}

export function formatDateTime(d: Date): string {
  if (Number.isNaN(d.getTime())) throw badInput('SF_BAD_BIND', 'Invalid date', { name: 'date', reason: 'invalid date' });
  return d.toISOString();
}

/** One bind value → its SOQL literal. `name` only labels errors. */
export function formatSoqlValue(value: unknown, name = 'value'): string {
  const bad = (reason: string) => badInput('SF_BAD_BIND', `Bind value ${name}: ${reason}`, { name, reason });
  if (value === null) return 'null';
  if (value === undefined) throw bad('no value given');
  if (typeof value === 'string') return `'${escapeSoqlString(value)}'`;
  if (typeof value === 'number') return formatNumber(value, name);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return formatDateTime(value);
  if (Array.isArray(value)) {
    if (value.length === 0) throw bad('an empty list cannot be used with IN');
    return `(${value.map((v, i) => {
      if (Array.isArray(v)) throw bad('lists cannot be nested');
      return formatSoqlValue(v, `${name}[${i}]`);
    }).join(', ')})`;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$date === 'string') {
      if (!DATE.test(o.$date)) throw bad(`"${o.$date}" is not a date (YYYY-MM-DD)`);
      return o.$date;
    }
    if (typeof o.$datetime === 'string') {
      if (!DATETIME.test(o.$datetime) || Number.isNaN(Date.parse(o.$datetime))) throw bad(`"${o.$datetime}" is not a datetime (YYYY-MM-DDThh:mm:ssZ)`);
      return o.$datetime;
    }
    if (typeof o.$like === 'string') {
      const body = escapeSoqlLike(o.$like);
      const m = o.match ?? 'contains';
      const pattern = m === 'exact' ? body : m === 'startsWith' ? `${body}%` : m === 'endsWith' ? `%${body}` : `%${body}%`;
      return `'${pattern}'`;
    }
  }
  throw bad(`a ${typeof value === 'object' ? 'plain object' : typeof value} cannot be a SOQL value`);
}

/** Tagged template: soql`SELECT Id FROM Lead WHERE Email = ${email}`. */
export function soql(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? formatSoqlValue(values[i], `#${i + 1}`) : ''), '');
}

/**
 * Fills `:name` placeholders outside string literals from params. Every placeholder must have a
 * value (undefined is an error, null is SOQL null); unused params are ignored.
 */
export function bindSoql(query: string, params: Record<string, unknown> = {}): string {
  let out = '';
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (c === "'") {
      // Copy a literal written in the query itself unchanged, escapes included.
      let j = i + 1;
      while (j < query.length && query[j] !== "'") j += query[j] === '\\' ? 2 : 1;
      out += query.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = c === ':' ? /^:([A-Za-z_]\w*)/.exec(query.slice(i)) : null;
    if (m) {
      if (!Object.prototype.hasOwnProperty.call(params, m[1])) {
        throw badInput('SF_BAD_BIND', `No value for :${m[1]} in msg.params`, { name: `:${m[1]}`, reason: 'no value in msg.params' });
      }
      out += formatSoqlValue(params[m[1]], `:${m[1]}`);
      i += m[0].length;
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

/** API names of objects and fields: identifiers only, so they can be placed in SOQL safely. */
export function assertIdentifier(name: unknown, what: string): string {
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(name)) {
    throw badInput('SF_BAD_NAME', `"${String(name)}" is not a valid ${what} API name`, { name: String(name), what });
  }
  return name;
}
