/** Record shape helpers shared by reads and writes. */
import type { SfRecord } from './types';

/** Drops Salesforce's `attributes` at every level (parent relationships, child subqueries). */
export function stripAttributes<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => stripAttributes(v)) as T;
  if (!value || typeof value !== 'object') return value;
  const out: SfRecord = {};
  for (const [k, v] of Object.entries(value as SfRecord)) if (k !== 'attributes') out[k] = stripAttributes(v);
  return out as T;
}

/** Salesforce datetime (`2013-05-20T20:49:32.000+0000`) → ISO with Z, as a SOQL literal accepts it. */
export function toIsoDateTime(value: string): string {
  const d = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function isPlainObject(v: unknown): v is SfRecord {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
