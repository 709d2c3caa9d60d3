import type { Condition, WhereClause } from 'soql-parser-js';
import { SfError } from './http';
import { normalizeId } from './ids';
import type { FieldDef } from './schema';
import type { SfValue } from './store';
import { parseDateTime } from './store';

/** Resolves a (possibly dotted) field path of the queried object to its definition and a value getter. */
export type Resolver = (path: string) => { field: FieldDef; get: (row: unknown) => SfValue };
export type Predicate = (row: unknown) => boolean;

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };

/**
 * Decodes a quoted SOQL string literal. Salesforce accepts \\ \' \" \n \r \t \b \f \uXXXX, and \_ \% in LIKE
 * patterns (kept escaped here so the pattern compiler sees them); any other backslash sequence is an error.
 */
export function decodeString(raw: string, like: boolean): string {
  const body = raw.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i];
    if (next !== undefined && next in ESCAPES) out += like && next === '\\' ? '\\\\' : ESCAPES[next];
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (like && (next === '_' || next === '%')) out += `\\${next}`;
    else {
      throw new SfError(400, 'MALFORMED_QUERY', `Invalid string literal '${body}'. Illegal character sequence '\\${next ?? ''}' in string literal.`);
    }
  }
  return out;
}

function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]);
    else if (ch === '%') re += '[\\s\\S]*';
    else if (ch === '_') re += '[\\s\\S]';
    else re += escapeRe(ch);
  }
  return new RegExp(`^${re}$`, 'i');
}

function escapeRe(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const TEXT = new Set(['string', 'email', 'phone', 'url', 'textarea', 'picklist']);
const NUMBER = new Set(['double', 'currency', 'percent', 'int']);

function typeError(field: FieldDef, expected: string, quoted: boolean): SfError {
  const how = quoted ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
  return new SfError(400, 'INVALID_QUERY_FILTER_OPERATOR', `value of filter criterion for field '${field.name}' must be of type ${expected} and ${how}`);
}

/** Converts one literal to the comparable form of the field's type (lower-cased text, ms, numbers...). */
function literal(field: FieldDef, literalType: string, raw: string, like: boolean): SfValue {
  if (literalType === 'NULL') return null;
  const t = field.type;
  if (TEXT.has(t) || t === 'id' || t === 'reference') {
    if (literalType !== 'STRING') throw typeError(field, 'string', true);
    const s = decodeString(raw, like);
    if (t === 'id' || t === 'reference') return like ? s : (normalizeId(s) ?? s);
    return s.toLowerCase();
  }
  if (NUMBER.has(t)) {
    if (literalType !== 'INTEGER' && literalType !== 'DECIMAL') throw typeError(field, 'double', false);
    return Number(raw);
  }
  if (t === 'boolean') {
    if (literalType !== 'BOOLEAN') throw typeError(field, 'boolean', false);
    return raw.toUpperCase() === 'TRUE';
  }
  if (t === 'date') {
    if (literalType !== 'DATE') throw typeError(field, 'date', false);
    return raw;
  }
  if (t === 'datetime') {
    if (literalType !== 'DATETIME') throw typeError(field, 'dateTime', false);
    return parseDateTime(raw);
  }
  throw typeError(field, t, false);
}

/** The stored value in the same comparable form as literal(). */
export function comparable(field: FieldDef, value: SfValue): SfValue {
  if (value === null || value === undefined) return null;
  if (TEXT.has(field.type)) return String(value).toLowerCase();
  if (field.type === 'datetime') return parseDateTime(String(value));
  return value;
}

/** Date literals (TODAY, LAST_N_DAYS:n, ...) as a [start, end) range of UTC days. */
function dateRange(value: string, n: number | undefined): [number, number] {
  const day = 86400000;
  const today = Math.floor(Date.now() / day) * day;
  const name = value.split(':')[0].toUpperCase();
  const k = n ?? 0;
  const ranges: Record<string, [number, number]> = {
    TODAY: [today, today + day],
    YESTERDAY: [today - day, today],
    TOMORROW: [today + day, today + 2 * day],
    LAST_N_DAYS: [today - k * day, today + day],
    NEXT_N_DAYS: [today + day, today + (k + 1) * day],
  };
  const r = ranges[name];
  if (!r) throw new SfError(400, 'MALFORMED_QUERY', `The twin does not support the date literal ${value}`);
  return r;
}

function compare(a: SfValue, b: SfValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function conditionPredicate(c: Condition, resolve: Resolver): Predicate {
  const cond = c as Condition & { field?: string; operator?: string; literalType?: string; value?: string | string[]; dateLiteralVariable?: number };
  if (!cond.field || !cond.literalType || cond.literalType === 'SUBQUERY') {
    throw new SfError(400, 'MALFORMED_QUERY', 'The twin supports only field comparisons in WHERE (no functions or semi-joins)');
  }
  const { field, get } = resolve(cond.field);
  const op = (cond.operator ?? '').toUpperCase();
  const value = (row: unknown) => comparable(field, get(row));
  if (cond.literalType === 'DATE_LITERAL' || cond.literalType === 'DATE_N_LITERAL') {
    const [start, end] = dateRange(String(cond.value), cond.dateLiteralVariable);
    const asMs = (v: SfValue) => (field.type === 'date' ? Date.parse(`${String(v)}T00:00:00Z`) : (v as number));
    const tests: Record<string, (ms: number) => boolean> = {
      '=': (ms) => ms >= start && ms < end, '!=': (ms) => ms < start || ms >= end,
      '<': (ms) => ms < start, '<=': (ms) => ms < end, '>': (ms) => ms >= end, '>=': (ms) => ms >= start,
    };
    const t = tests[op];
    if (!t) throw new SfError(400, 'MALFORMED_QUERY', `unexpected operator ${op} with a date literal`);
    return (row) => {
      const v = value(row);
      return v === null ? op === '!=' : t(asMs(v));
    };
  }
  if (op === 'IN' || op === 'NOT IN') {
    const raws = Array.isArray(cond.value) ? cond.value : [cond.value ?? ''];
    const set = new Set(raws.map((r) => literal(field, cond.literalType!, r, false)));
    return op === 'IN' ? (row) => set.has(value(row)) : (row) => !set.has(value(row));
  }
  if (op === 'LIKE') {
    if (!TEXT.has(field.type) && field.type !== 'id' && field.type !== 'reference') throw typeError(field, 'string', true);
    const re = likeToRegExp(String(literal(field, cond.literalType, String(cond.value), true)));
    return (row) => {
      const v = get(row);
      return v !== null && re.test(String(v));
    };
  }
  const lit = literal(field, cond.literalType, String(cond.value), false);
  switch (op) {
    case '=':
      return (row) => value(row) === lit;
    case '!=':
    case '<>':
      return (row) => value(row) !== lit;
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (field.type === 'boolean') throw new SfError(400, 'INVALID_QUERY_FILTER_OPERATOR', `invalid operator on boolean field: ${op}`);
      const ok = { '<': (n: number) => n < 0, '<=': (n: number) => n <= 0, '>': (n: number) => n > 0, '>=': (n: number) => n >= 0 }[op];
      return (row) => {
        const v = value(row);
        return v !== null && lit !== null && ok(compare(v, lit));
      };
    }
    default:
      throw new SfError(400, 'MALFORMED_QUERY', `The twin does not support the operator ${op}`);
  }
}

type Token = { kind: '(' | ')' | 'AND' | 'OR' | 'NOT' } | { kind: 'cond'; p: Predicate };

/**
 * soql-parser-js returns WHERE as a right-leaning chain with openParen/closeParen counts on the conditions;
 * flatten it back to tokens and re-parse with SOQL precedence (NOT > AND > OR).
 */
function tokens(where: WhereClause | undefined, resolve: Resolver, out: Token[] = []): Token[] {
  if (!where) return out;
  const left = where.left as (Condition & { openParen?: number; closeParen?: number }) | null;
  if (left) {
    for (let i = 0; i < (left.openParen ?? 0); i++) out.push({ kind: '(' });
    out.push({ kind: 'cond', p: conditionPredicate(left, resolve) });
    for (let i = 0; i < (left.closeParen ?? 0); i++) out.push({ kind: ')' });
  }
  const op = (where as { operator?: string }).operator?.toUpperCase();
  if (op === 'AND' || op === 'OR' || op === 'NOT') out.push({ kind: op });
  return tokens((where as { right?: WhereClause }).right, resolve, out);
}

export function compileWhere(where: WhereClause | undefined, resolve: Resolver): Predicate {
  if (!where) return () => true;
  const list = tokens(where, resolve);
  let pos = 0;
  const fail = (): never => {
    throw new SfError(400, 'MALFORMED_QUERY', 'unexpected token in WHERE clause');
  };
  const primary = (): Predicate => {
    const t = list[pos++];
    if (!t) return fail();
    if (t.kind === 'NOT') {
      const inner = primary();
      return (row) => !inner(row);
    }
    if (t.kind === '(') {
      const inner = orExpr();
      if (list[pos++]?.kind !== ')') fail();
      return inner;
    }
    return t.kind === 'cond' ? t.p : fail();
  };
  const chain = (op: 'AND' | 'OR', next: () => Predicate): Predicate => {
    const parts = [next()];
    while (list[pos]?.kind === op) {
      pos++;
      parts.push(next());
    }
    if (parts.length === 1) return parts[0];
    return op === 'AND' ? (row) => parts.every((p) => p(row)) : (row) => parts.some((p) => p(row));
  };
  const andExpr = (): Predicate => chain('AND', primary);
  const orExpr = (): Predicate => chain('OR', andExpr);
  const result = orExpr();
  if (pos !== list.length) fail();
  return result;
}

export { compare };
