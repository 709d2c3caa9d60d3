/**
 * Parses and validates msg.payload (the versions) and msg.snapshot. Never throws on bad data:
 * every problem is collected with its path so one error message tells the user all that is wrong.
 *
 * Versions: an object keyed by system name. Each value is either
 * - the long form  {record: {...fields}, modified?: {field: time}, modifiedAt?: time}
 *   (recognised when it has a `record` object and no keys other than record/modified/modifiedAt), or
 * - the short form {...fields} (record time then comes from the configured time field, if any).
 * Times are ISO 8601 strings, epoch milliseconds or Date objects.
 *
 * Snapshot: either our own output form {record: {...}, hashes?: {system: hash}, key?, updatedAt?}
 * or a plain record (the last-synced values, no echo hashes).
 */
import { FORBIDDEN_NAMES, LIMITS, isPlainObject } from './limits';
import { parseInstant } from './normalize';
import type { FieldValues, Snapshot, SystemVersion } from './types';

export class InputProblems {
  readonly list: string[] = [];
  chars = 0;
  add(problem: string): void {
    this.list.push(problem);
  }
  get ok(): boolean {
    return this.list.length === 0;
  }
}

const LONG_FORM_KEYS = new Set(['record', 'modified', 'modifiedAt']);
const SNAPSHOT_KEYS = new Set(['record', 'hashes', 'key', 'updatedAt']);

function isLongForm(value: Record<string, unknown>): boolean {
  return isPlainObject(value.record) && Object.keys(value).every((k) => LONG_FORM_KEYS.has(k));
}

/** Epoch ms from an ISO string, epoch number or Date; undefined when it is none of them. */
export function toTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : undefined;
  if (typeof value !== 'string') return undefined;
  const instant = parseInstant(value.trim());
  if (instant !== undefined) return instant;
  // Date-only strings ("2024-05-01") are still a usable time for ordering writes.
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? Date.parse(`${value.trim()}T00:00:00Z`) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

function checkName(name: string, what: string, max: number, where: string, problems: InputProblems): boolean {
  if (name.length === 0 || name.length > max || FORBIDDEN_NAMES.has(name)) {
    problems.add(`${where}: "${name.slice(0, 40)}" is not a usable ${what} name (1-${max} characters, not __proto__/constructor/prototype)`);
    return false;
  }
  return true;
}

/** Checks a field value: JSON-like, bounded depth and string sizes. */
function checkValue(value: unknown, path: string, depth: number, problems: InputProblems): void {
  if (value === null || value === undefined || typeof value === 'boolean' || value instanceof Date) return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) problems.add(`${path}: ${String(value)} is not a finite number`);
    return;
  }
  if (typeof value === 'string') {
    problems.chars += value.length;
    if (value.length > LIMITS.stringLength) problems.add(`${path}: text of ${value.length} characters exceeds the ${LIMITS.stringLength} limit`);
    // PostgreSQL's jsonb (the snapshot store) cannot hold U+0000; no CRM text legitimately has it.
    else if (value.includes('\u0000')) problems.add(`${path}: text contains a NUL character (U+0000)`);
    return;
  }
  if (depth >= LIMITS.depth) {
    problems.add(`${path}: nested deeper than ${LIMITS.depth} levels`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkValue(item, `${path}[${i}]`, depth + 1, problems));
    return;
  }
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) checkValue(v, `${path}.${k}`, depth + 1, problems);
    return;
  }
  problems.add(`${path}: a ${typeof value} is not a JSON value`);
}

export function checkRecord(record: Record<string, unknown>, where: string, problems: InputProblems): void {
  const fields = Object.keys(record);
  if (fields.length > LIMITS.fields) {
    problems.add(`${where}: ${fields.length} fields exceed the ${LIMITS.fields} limit`);
    return;
  }
  for (const field of fields) {
    if (checkName(field, 'field', LIMITS.fieldName, where, problems)) checkValue(record[field], `${where}.${field}`, 1, problems);
  }
}

function parseTimes(raw: unknown, where: string, problems: InputProblems): Record<string, number> {
  const out: Record<string, number> = {};
  if (raw === undefined || raw === null) return out;
  if (!isPlainObject(raw)) {
    problems.add(`${where}: must be an object {field: time}, got ${describe(raw)}`);
    return out;
  }
  for (const [field, value] of Object.entries(raw)) {
    const ms = toTime(value);
    if (ms === undefined) problems.add(`${where}.${field}: ${describe(value)} is not an ISO 8601 time or epoch milliseconds`);
    else out[field] = ms;
  }
  return out;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 37)}…"` : `"${value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function parseVersion(system: string, raw: unknown, timeField: string | undefined, problems: InputProblems): SystemVersion | undefined {
  const where = `payload.${system}`;
  if (!isPlainObject(raw)) {
    problems.add(`${where}: must be an object (the record, or {record, modified, modifiedAt}), got ${describe(raw)}`);
    return undefined;
  }
  const long = isLongForm(raw);
  const record = (long ? raw.record : raw) as FieldValues;
  checkRecord(record, long ? `${where}.record` : where, problems);
  const modified = long ? parseTimes(raw.modified, `${where}.modified`, problems) : {};
  let modifiedAt: number | undefined;
  if (long && raw.modifiedAt !== undefined && raw.modifiedAt !== null) {
    modifiedAt = toTime(raw.modifiedAt);
    if (modifiedAt === undefined) problems.add(`${where}.modifiedAt: ${describe(raw.modifiedAt)} is not an ISO 8601 time or epoch milliseconds`);
  } else if (timeField && record[timeField] !== undefined && record[timeField] !== null && record[timeField] !== '') {
    modifiedAt = toTime(record[timeField]);
    if (modifiedAt === undefined) problems.add(`${where}.${timeField}: ${describe(record[timeField])} is not a time (it is the configured time field)`);
  }
  return { system, record, modified, modifiedAt };
}

export function parseVersions(payload: unknown, timeField: string | undefined, problems: InputProblems): SystemVersion[] {
  if (!isPlainObject(payload)) {
    problems.add(`payload: must be an object keyed by system name, e.g. {"salesforce": {...}, "monday": {...}}, got ${describe(payload)}`);
    return [];
  }
  const systems = Object.keys(payload);
  if (systems.length === 0) problems.add('payload: no systems; expected at least one version, e.g. {"salesforce": {...}, "monday": {...}}');
  if (systems.length > LIMITS.systems) {
    problems.add(`payload: ${systems.length} systems exceed the ${LIMITS.systems} limit`);
    return [];
  }
  const versions: SystemVersion[] = [];
  for (const system of systems.sort()) {
    if (!checkName(system, 'system', LIMITS.systemName, 'payload', problems)) continue;
    const version = parseVersion(system, payload[system], timeField, problems);
    if (version) versions.push(version);
  }
  if (problems.chars > LIMITS.totalChars) problems.add(`payload: ${problems.chars} characters of text exceed the ${LIMITS.totalChars} limit per message`);
  return versions;
}

export function parseSnapshot(raw: unknown, problems: InputProblems): Snapshot | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isPlainObject(raw)) {
    problems.add(`snapshot: must be an object (a record, or {record, hashes}), got ${describe(raw)}`);
    return undefined;
  }
  const full = isPlainObject(raw.record) && Object.keys(raw).every((k) => SNAPSHOT_KEYS.has(k));
  const record = (full ? raw.record : raw) as FieldValues;
  checkRecord(record, full ? 'snapshot.record' : 'snapshot', problems);
  const hashes: Record<string, string> = {};
  if (full && raw.hashes !== undefined) {
    if (!isPlainObject(raw.hashes)) problems.add(`snapshot.hashes: must be an object {system: hash}, got ${describe(raw.hashes)}`);
    else {
      for (const [system, hash] of Object.entries(raw.hashes)) {
        if (FORBIDDEN_NAMES.has(system)) problems.add(`snapshot.hashes: "${system}" is not a usable system name`);
        else if (typeof hash === 'string' && hash.length <= 200) hashes[system] = hash;
        else problems.add(`snapshot.hashes.${system}: must be a hash string, got ${describe(hash)}`);
      }
    }
  }
  return { record, hashes, key: full && typeof raw.key === 'string' ? raw.key : undefined };
}
