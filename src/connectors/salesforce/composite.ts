/**
 * Composite API (POST /services/data/vXX.X/composite) with allOrNone: up to 25 creates, updates and
 * upserts of different objects in one call and one transaction, later ones referring to earlier
 * results with `@{referenceId.id}` (an Account, then its Contact and Opportunity). Either every
 * subrequest is saved or none is; every entry gets one result.
 */
import type { SalesforceClient } from './client';
import { RETRYABLE_RECORD_CODES, mapError } from './errors';
import { isPlainObject } from './records';
import type { RecordError, SfRecord } from './types';

export const COMPOSITE_LIMIT = 25;

export type CompositeOperation = 'create' | 'update' | 'upsert';
export const COMPOSITE_OPERATIONS: readonly CompositeOperation[] = ['create', 'update', 'upsert'];

export interface CompositeEntry {
  referenceId: string;
  object: string;
  operation: CompositeOperation;
  record: SfRecord;
  /** Upsert only: the external id field matched on (its value is taken from the record). */
  externalIdField?: string;
}

export interface CompositeResult {
  index: number;
  referenceId: string;
  object: string;
  operation: string;
  success: boolean;
  id?: string;
  created?: boolean;
  httpStatusCode?: number;
  errors: RecordError[];
}

export interface CompositeOptions {
  /** Used for entries without their own object / externalIdField. */
  defaultObject?: string;
  defaultExternalIdField?: string;
  /** Sforce-Duplicate-Rule-Header: allowSave=true. */
  allowDuplicates?: boolean;
}

interface SubResponse {
  body: unknown;
  httpStatusCode: number;
  referenceId: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const REFERENCE = /^@\{[^}]+\}$/;
export const HALTED_CODE = 'PROCESSING_HALTED';
const NOT_SENT: RecordError = { statusCode: HALTED_CODE, message: 'Not sent: another entry of this all-or-none request is invalid', fields: [] };

function error(statusCode: string, message: string, fields: string[] = []): RecordError[] {
  return [{ statusCode, message, fields }];
}

/** Salesforce error bodies are lists of {errorCode, message, fields}. */
function errorsOf(body: unknown): RecordError[] {
  const list = Array.isArray(body) ? body : [body];
  return list.map((e) => {
    const o = isPlainObject(e) ? e : {};
    return { statusCode: String(o.errorCode ?? o.statusCode ?? 'UNKNOWN'), message: String(o.message ?? ''), fields: Array.isArray(o.fields) ? o.fields.map(String) : [] };
  });
}

/** The entry with defaults applied, or the reason it cannot be sent. */
function checkEntry(raw: unknown, index: number, seen: Set<string>, o: CompositeOptions): { entry: CompositeEntry } | { errors: RecordError[]; referenceId: string } {
  const e = isPlainObject(raw) ? raw : {};
  const referenceId = typeof e.referenceId === 'string' ? e.referenceId : '';
  const bad = (code: string, message: string, fields: string[] = []) => ({ referenceId, errors: error(code, message, fields) });
  if (!isPlainObject(raw)) return bad('INVALID_INPUT', `Entry ${index} is not an object with referenceId, object, operation and record`);
  if (!NAME.test(referenceId)) return bad('INVALID_INPUT', `referenceId "${referenceId}" must start with a letter and hold only letters, digits and underscores`);
  if (seen.has(referenceId)) return bad('INVALID_INPUT', `referenceId "${referenceId}" is used twice`);
  seen.add(referenceId);
  const object = typeof e.object === 'string' && e.object ? e.object : (o.defaultObject ?? '');
  if (!NAME.test(object)) return bad('INVALID_INPUT', `"${object}" is not a valid object API name`);
  const operation = e.operation as CompositeOperation;
  if (!COMPOSITE_OPERATIONS.includes(operation)) return bad('INVALID_INPUT', `Unknown operation "${String(e.operation)}": use create, update or upsert`);
  if (!isPlainObject(e.record)) return bad('INVALID_INPUT', 'record must be an object of field API names and values');
  const record = e.record;
  if (operation === 'update' && (typeof record.Id !== 'string' || !record.Id)) return bad('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
  if (operation === 'create' && record.Id) return bad('INVALID_FIELD_FOR_INSERT_UPDATE', 'A record to create must not have an Id: use update or upsert', ['Id']);
  const externalIdField = typeof e.externalIdField === 'string' && e.externalIdField ? e.externalIdField : o.defaultExternalIdField;
  if (operation === 'upsert') {
    if (!externalIdField || !NAME.test(externalIdField)) return bad('MISSING_ARGUMENT', 'Upsert needs an external id field (the entry\'s externalIdField or the node\'s)');
    const value = record[externalIdField];
    if (value === undefined || value === null || value === '') return bad('MISSING_ARGUMENT', `The external id field ${externalIdField} has no value`, [externalIdField]);
  }
  return { entry: { referenceId, object, operation, record, ...(operation === 'upsert' ? { externalIdField } : {}) } };
}

/** A path segment: encoded, except a whole `@{ref.field}` reference, which Salesforce resolves. */
function segment(value: unknown): string {
  const s = String(value);
  return REFERENCE.test(s) ? s : encodeURIComponent(s);
}

function subrequest(version: string, e: CompositeEntry): Record<string, unknown> {
  const base = `/services/data/v${version}/sobjects/${e.object}`;
  const { Id, ...fields } = e.record;
  if (e.operation === 'create') return { method: 'POST', url: base, referenceId: e.referenceId, body: fields };
  if (e.operation === 'update') return { method: 'PATCH', url: `${base}/${segment(Id)}`, referenceId: e.referenceId, body: fields };
  // Upsert: the key goes in the URL (Id is a valid key too), never in the body.
  const field = e.externalIdField as string;
  const { [field]: key, ...rest } = e.record;
  delete rest.Id;
  return { method: 'PATCH', url: `${base}/${field}/${segment(key)}`, referenceId: e.referenceId, body: rest };
}

/** The record id a successful subrequest stands for (an update's 204 has no body: the Id sent, references resolved). */
function idOf(e: CompositeEntry, res: SubResponse, ids: Map<string, string>): string | undefined {
  const body = isPlainObject(res.body) ? res.body : {};
  if (typeof body.id === 'string') return body.id;
  const given = String(e.record.Id ?? '');
  const ref = /^@\{([^.}]+)\.id\}$/.exec(given);
  return ref ? ids.get(ref[1]) : given || undefined;
}

function toResults(entries: CompositeEntry[], responses: SubResponse[]): CompositeResult[] {
  const byRef = new Map(responses.map((r) => [r.referenceId, r]));
  const ids = new Map<string, string>();
  return entries.map((e, index) => {
    const res = byRef.get(e.referenceId);
    const base = { index, referenceId: e.referenceId, object: e.object, operation: e.operation };
    if (!res) return { ...base, success: false, errors: error('UNKNOWN', 'Salesforce returned no result for this subrequest') };
    if (res.httpStatusCode >= 300) return { ...base, success: false, httpStatusCode: res.httpStatusCode, errors: errorsOf(res.body) };
    const id = idOf(e, res, ids);
    if (id) ids.set(e.referenceId, id);
    const created = e.operation === 'create' || (e.operation === 'upsert' && res.httpStatusCode === 201);
    return { ...base, success: true, id, created, httpStatusCode: res.httpStatusCode, errors: [] };
  });
}

const transient = (results: CompositeResult[]) => results.some((r) => r.errors.some((e) => RETRYABLE_RECORD_CODES.has(e.statusCode)));

/**
 * Runs the entries as one all-or-none Composite call. Local checks first (a bad entry means nothing
 * is sent). A graph refused for a transient reason (a locked row) was rolled back, so it is sent
 * again; a call whose answer was lost is retried only when it creates nothing, since a create may
 * have been saved.
 */
export async function writeComposite(client: SalesforceClient, raw: unknown[], o: CompositeOptions = {}): Promise<CompositeResult[]> {
  const seen = new Set<string>();
  const checked = raw.map((r, i) => checkEntry(r, i, seen, o));
  const entries = checked.flatMap((c) => ('entry' in c ? [c.entry] : []));
  if (entries.length < raw.length) {
    return checked.map((c, index) => {
      const base = 'entry' in c ? { referenceId: c.entry.referenceId, object: c.entry.object, operation: c.entry.operation } : { referenceId: c.referenceId, object: '', operation: '' };
      return { index, ...base, success: false, errors: 'entry' in c ? [NOT_SENT] : c.errors };
    });
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (o.allowDuplicates) headers['Sforce-Duplicate-Rule-Header'] = 'allowSave=true';
  const createsSomething = entries.some((e) => e.operation === 'create');
  const attempts = Math.max(1, client.options.maxAttempts ?? 4);
  for (let attempt = 1; ; attempt++) {
    let results: CompositeResult[];
    try {
      const answer = (await client.call(
        (conn) => conn.request({
          method: 'POST',
          url: `/services/data/v${conn.version}/composite`,
          body: JSON.stringify({ allOrNone: true, compositeRequest: entries.map((e) => subrequest(conn.version, e)) }),
          headers,
        }),
        { retryUnanswered: !createsSomething },
      )) as { compositeResponse?: SubResponse[] };
      results = toResults(entries, answer?.compositeResponse ?? []);
    } catch (err) {
      const e = mapError(err);
      // Salesforce's own code when it answered; ours when it did not (the graph may or may not be saved).
      const unanswered = e.code === 'SF_UNREACHABLE' || e.code === 'SF_TIMEOUT';
      const code = !unanswered && e.details.errorCode ? String(e.details.errorCode) : e.code;
      return entries.map((entry, index) => ({ index, referenceId: entry.referenceId, object: entry.object, operation: entry.operation, success: false, errors: error(code, e.message) }));
    }
    if (attempt >= attempts || !transient(results)) return results;
    await client.backoff(attempt);
  }
}
