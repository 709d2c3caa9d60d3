/** The read a msg asks for: node settings, overridable per msg (msg.query, msg.params, msg.object, msg.fields, msg.ids). */
import { assertIdentifier } from '../../connectors/salesforce';
import { CrmError } from '../../core/errors';
import type { Msg } from '../shared/runtime';
import type { ReadMode, SalesforceInFields } from './types';

export interface ReadRequest {
  mode: ReadMode;
  query?: string;
  params: Record<string, unknown>;
  object: string;
  fields: string[];
  where?: string;
  ids: string[];
  includeDeleted: boolean;
  pageSize: number;
  /** Bulk mode: ms to wait for the job. */
  bulkTimeoutMs: number;
}

const MODES: ReadMode[] = ['query', 'bulk', 'delta', 'ids', 'describe'];

function bad(code: string, message: string, params: Record<string, unknown> = {}): CrmError {
  return new CrmError(code, message, { params: { ...params, message } });
}

function fieldList(v: unknown): string[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [];
  return list.map((f) => String(f).trim()).filter(Boolean).map((f) => assertIdentifier(f, 'field'));
}

function idList(v: unknown): string[] {
  const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
  return list.map((x) => (x && typeof x === 'object' ? (x as { Id?: unknown }).Id : x)).filter((x): x is string => typeof x === 'string' && x.trim() !== '');
}

export function readRequest(c: SalesforceInFields, msg: Msg): ReadRequest {
  const mode = MODES.includes(c.mode as ReadMode) ? (c.mode as ReadMode) : 'query';
  const params = msg.params ?? {};
  if (typeof params !== 'object' || Array.isArray(params)) throw bad('SF_BAD_BIND', 'msg.params must be an object', { name: 'msg.params', reason: 'must be an object of :name values' });
  const object = typeof msg.object === 'string' && msg.object ? msg.object : (c.object ?? '');
  const size = Number(c.pageSize);
  const minutes = Number(c.bulkTimeout);
  const req: ReadRequest = {
    mode,
    params: params as Record<string, unknown>,
    object,
    fields: fieldList(msg.fields ?? c.fields),
    where: c.where,
    ids: [],
    includeDeleted: !!c.includeDeleted,
    pageSize: Number.isFinite(size) && size > 0 ? size : mode === 'bulk' ? 10_000 : 2000,
    bulkTimeoutMs: (Number.isFinite(minutes) && minutes > 0 ? minutes : 30) * 60_000,
  };
  if (mode === 'query' || mode === 'bulk') {
    const q = typeof msg.query === 'string' && msg.query.trim() ? msg.query : c.query;
    if (!q || !q.trim()) throw bad('SF_NO_QUERY', 'No SOQL query');
    req.query = q;
    return req;
  }
  assertIdentifier(object, 'object');
  if (mode === 'ids') {
    req.ids = idList(msg.ids ?? msg.payload);
    if (req.ids.length === 0) throw bad('SF_NO_IDS', 'No record ids');
  }
  return req;
}
