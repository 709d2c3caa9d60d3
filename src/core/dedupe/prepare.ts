/**
 * Validation and normalization of incoming records. Every problem becomes a per-record error with a
 * stable code and parameters (the node turns them into catalog text); nothing throws.
 */
import { blockingKeys } from './blocking';
import { normalizeField } from './normalize';
import type { NormalizeOptions, PreparedRecord, Profile } from './types';

/** Profile field → record key, or several keys whose values are joined with a space. */
export type FieldMapping = Record<string, string | string[]>;

export interface RecordError {
  /** Position in the input array. */
  index: number;
  id?: string;
  code: 'NOT_AN_OBJECT' | 'WRONG_TYPE' | 'VALUE_TOO_LONG' | 'MISSING_KEY_FIELDS' | 'BAD_ID';
  params: Record<string, unknown>;
  record: unknown;
}

export interface PrepareOptions {
  profile: Profile;
  mapping: FieldMapping;
  /** Record key holding a stable id (CRM id); records without one get a per-occurrence id. */
  idKey?: string;
  normalize?: NormalizeOptions;
  /** Longer string values are rejected, not silently truncated. */
  maxFieldLength?: number;
}

export const DEFAULT_MAX_FIELD_LENGTH = 1000;

function getPath(rec: Record<string, unknown>, path: string): unknown {
  if (path in rec) return rec[path];
  let cur: unknown = rec;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function typeName(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}

function isScalar(v: unknown): boolean {
  return v === undefined || v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date;
}

export function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

type Outcome = { ok: true; record: PreparedRecord } | { ok: false; error: Omit<RecordError, 'index' | 'record'> };

/**
 * Reads, checks and normalizes one record's mapped fields. `fallbackId` names records without an id:
 * it must be unique per occurrence, so a record re-sent without an id is compared, not assumed the same.
 */
export function prepareRecord(raw: unknown, options: PrepareOptions, fallbackId: string): Outcome {
  if (!isPlainRecord(raw)) return { ok: false, error: { code: 'NOT_AN_OBJECT', params: { type: typeName(raw) } } };
  const max = options.maxFieldLength ?? DEFAULT_MAX_FIELD_LENGTH;
  let id: string | undefined;
  if (options.idKey) {
    const v = getPath(raw, options.idKey);
    if (v !== undefined && v !== null && v !== '') {
      if (typeof v !== 'string' && typeof v !== 'number') return { ok: false, error: { code: 'BAD_ID', params: { key: options.idKey, type: typeName(v) } } };
      id = String(v);
    }
  }
  const values: Record<string, string> = {};
  for (const spec of options.profile.fields) {
    const mapped = options.mapping[spec.field];
    if (!mapped || (Array.isArray(mapped) && mapped.length === 0)) continue;
    const keys = Array.isArray(mapped) ? mapped : [mapped];
    const parts: unknown[] = [];
    for (const key of keys) {
      const v = getPath(raw, key);
      if (!isScalar(v)) return { ok: false, error: { id, code: 'WRONG_TYPE', params: { field: key, type: typeName(v) } } };
      if (typeof v === 'string' && v.length > max) return { ok: false, error: { id, code: 'VALUE_TOO_LONG', params: { field: key, length: v.length, max } } };
      if (v !== undefined && v !== null && v !== '') parts.push(v);
    }
    const joined = parts.length === 1 ? parts[0] : parts.map(String).join(' ');
    const normalized = parts.length ? normalizeField(spec.kind, joined, options.normalize) : '';
    if (normalized) values[spec.field] = normalized;
  }
  const required = options.profile.requireAny.filter((f) => options.mapping[f]);
  if (required.length > 0 && !required.some((f) => values[f])) {
    return { ok: false, error: { id, code: 'MISSING_KEY_FIELDS', params: { fields: required.join(', ') } } };
  }
  return { ok: true, record: { id: id ?? fallbackId, values, keys: blockingKeys(values, options.profile.blocking) } };
}
