import { ColumnValueError } from './errors';

/**
 * Primitives for `coerce`: turning the loosely typed values a flow carries (strings from CSV or
 * Salesforce, numbers, Dates) into a codec's plain value, or refusing them with a clear error.
 */
export function isBlank(v: unknown): v is null | undefined | '' {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

export function toText(type: string, v: unknown): string {
  if (typeof v === 'string') return v;
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
  throw new ColumnValueError(type, `a ${type} column needs text, not ${describe(v)}`, v);
}

export function toNumber(type: string, v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new ColumnValueError(type, `a ${type} column needs a number, not ${describe(v)}`, v);
  return n;
}

export function toBoolean(type: string, v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (['true', 'yes', 'y', '1', 'v', 'checked'].includes(s)) return true;
  if (['false', 'no', 'n', '0', 'unchecked'].includes(s)) return false;
  throw new ColumnValueError(type, `a ${type} column needs true or false, not ${describe(v)}`, v);
}

/** One id, several, or a comma-separated string of them. */
export function toIds(type: string, v: unknown): number[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [v];
  return list.map((x) => {
    const n = typeof x === 'number' ? x : typeof x === 'string' && /^\d+$/.test(x.trim()) ? Number(x) : NaN;
    if (!Number.isInteger(n) || n <= 0) throw new ColumnValueError(type, `a ${type} column needs numeric ids, not ${describe(x)}`, v);
    return n;
  });
}

/** A list of labels from an array or a comma-separated string. */
export function toLabels(type: string, v: unknown): string[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [v];
  return list.map((x) => toText(type, x).trim()).filter(Boolean);
}

/**
 * Dates: 'YYYY-MM-DD' stays a date; a Date, an epoch in ms or an ISO date-time with a time becomes
 * 'YYYY-MM-DDTHH:MM:SSZ' in UTC, which is how monday keeps times.
 */
export function toDateString(type: string, v: unknown): string {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.trim())) {
    const s = v.trim();
    if (new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s) return s;
  } else if (v instanceof Date || typeof v === 'number' || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v.trim()))) {
    const d = v instanceof Date ? v : new Date(typeof v === 'string' ? v.trim() : v);
    if (!Number.isNaN(d.getTime())) return `${d.toISOString().slice(0, 19)}Z`;
  }
  throw new ColumnValueError(type, `a ${type} column needs a date (YYYY-MM-DD or an ISO date-time), not ${describe(v)}`, v);
}

export function toRecord(type: string, v: unknown): Record<string, unknown> {
  if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) return v as Record<string, unknown>;
  throw new ColumnValueError(type, `a ${type} column needs an object, not ${describe(v)}`, v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return typeof v === 'object' ? 'an object' : String(v);
}
