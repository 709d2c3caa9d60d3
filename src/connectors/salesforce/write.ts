/**
 * Writes through sObject Collections: ≤ 200 records a call, one result per record in request
 * order. Records Salesforce refused for a transient reason (UNABLE_TO_LOCK_ROW, ...) are sent
 * again with backoff; every input record ends with exactly one result, so none is lost.
 */
import { bulkColumns, bulkWrite } from './bulk';
import type { SalesforceClient } from './client';
import { RETRYABLE_RECORD_CODES, badInput, mapError } from './errors';
import { chunk, isPlainObject } from './records';
import { assertIdentifier } from './soql';
import type { RecordError, SfRecord, WriteOperation, WriteResult } from './types';

export const COLLECTION_SIZE = 200;

export interface WriteOptions {
  object: string;
  operation: WriteOperation;
  externalIdField?: string;
  /** All records of a call succeed or none does. */
  allOrNone?: boolean;
  /**
   * Save records an org duplicate rule flags (alert rules only; blocking rules still refuse them):
   * sends `Sforce-Duplicate-Rule-Header: allowSave=true`. Not applied to Bulk 2.0 jobs, which ignore it.
   */
  allowDuplicates?: boolean;
  /** Above this many records (and with the same fields in every record) use Bulk API 2.0; 0 = never. */
  bulkThreshold?: number;
  /** Called after each call with the results so far (progress). */
  onProgress?: (done: number, total: number) => void;
}

type ApiResult = { id?: string; success: boolean; created?: boolean; errors?: Array<Partial<RecordError> & { fields?: string[] }> };

const ROLLED_BACK: RecordError = { statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] };

function fail(index: number, statusCode: string, message: string, fields: string[] = []): WriteResult {
  return { index, success: false, errors: [{ statusCode, message, fields }] };
}

/** Local checks before anything is sent: a bad record fails alone, with a clear reason. */
function checkRecord(op: WriteOperation, rec: unknown, externalIdField: string | undefined, index: number): WriteResult | null {
  if (op === 'delete') {
    const id = typeof rec === 'string' ? rec : isPlainObject(rec) ? rec.Id : undefined;
    return typeof id === 'string' && /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(id) ? null : fail(index, 'INVALID_INPUT', 'A record to delete needs an Id (a 15 or 18 character Salesforce id)', ['Id']);
  }
  if (!isPlainObject(rec)) return fail(index, 'INVALID_INPUT', `Record is a ${Array.isArray(rec) ? 'list' : typeof rec}, not an object`);
  if (op === 'update' && typeof rec.Id !== 'string') return fail(index, 'MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
  if (op === 'upsert' && externalIdField && (rec[externalIdField] === undefined || rec[externalIdField] === null || rec[externalIdField] === '')) {
    return fail(index, 'MISSING_ARGUMENT', `The external id field ${externalIdField} has no value`, [externalIdField]);
  }
  if (op === 'create' && 'Id' in rec && rec.Id) return fail(index, 'INVALID_FIELD_FOR_INSERT_UPDATE', 'A record to create must not have an Id: use update or upsert', ['Id']);
  return null;
}

function toResult(index: number, r: ApiResult): WriteResult {
  return {
    index,
    success: r.success,
    id: r.id,
    created: r.created,
    errors: (r.errors ?? []).map((e) => ({ statusCode: e.statusCode ?? 'UNKNOWN', message: e.message ?? '', fields: e.fields ?? [] })),
  };
}

function body(op: WriteOperation, object: string, records: unknown[], allOrNone: boolean): { method: string; path: string; body?: string } {
  if (op === 'delete') {
    const ids = records.map((r) => (typeof r === 'string' ? r : (r as SfRecord).Id)).join(',');
    return { method: 'DELETE', path: `composite/sobjects?ids=${encodeURIComponent(ids)}&allOrNone=${allOrNone}` };
  }
  const recs = (records as SfRecord[]).map((r) => ({ ...r, attributes: { type: object } }));
  return { method: op === 'create' ? 'POST' : 'PATCH', path: 'composite/sobjects', body: JSON.stringify({ allOrNone, records: recs }) };
}

function writeHeaders(o: WriteOptions): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (o.allowDuplicates) headers['Sforce-Duplicate-Rule-Header'] = 'allowSave=true';
  return headers;
}

/** One Collections call with retries of the records refused for transient reasons. */
async function writeChunk(client: SalesforceClient, o: WriteOptions, items: Array<{ index: number; rec: unknown }>): Promise<WriteResult[]> {
  const out = new Map<number, WriteResult>();
  let pending = items;
  const attempts = Math.max(1, client.options.maxAttempts ?? 4);
  for (let attempt = 1; pending.length; attempt++) {
    const req = body(o.operation, o.object, pending.map((p) => p.rec), !!o.allOrNone);
    const path = o.operation === 'upsert' ? `composite/sobjects/${o.object}/${o.externalIdField}` : req.path;
    let results: ApiResult[];
    try {
      results = (await client.call(
        (conn) => conn.request({ method: req.method as 'POST', url: `/services/data/v${conn.version}/${path}`, body: req.body, headers: writeHeaders(o) }),
        { retryUnanswered: o.operation !== 'create' },
      )) as ApiResult[];
    } catch (err) {
      // The whole call failed (after its own retries): every record in it fails with the reason.
      const e = mapError(err);
      for (const p of pending) out.set(p.index, fail(p.index, e.details.errorCode ? String(e.details.errorCode) : e.code, e.message));
      break;
    }
    const retry: typeof pending = [];
    results.forEach((r, i) => {
      const res = toResult(pending[i].index, r);
      const transient = !res.success && res.errors.some((e) => RETRYABLE_RECORD_CODES.has(e.statusCode));
      if (transient && attempt < attempts) retry.push(pending[i]);
      else out.set(res.index, res);
    });
    // With allOrNone the rest of the call was rolled back: send all of it again.
    if (o.allOrNone && retry.length) pending.forEach((p) => out.delete(p.index));
    else pending = retry;
    if (pending.length) await client.backoff(attempt);
  }
  return items.map((p) => out.get(p.index) as WriteResult);
}

/** Writes any number of records; returns one result per input record, in input order. */
export async function writeRecords(client: SalesforceClient, records: unknown[], o: WriteOptions): Promise<WriteResult[]> {
  assertIdentifier(o.object, 'object');
  if (o.operation === 'upsert') assertIdentifier(o.externalIdField, 'external id field');
  if (!['create', 'update', 'upsert', 'delete'].includes(o.operation)) {
    throw badInput('SF_BAD_OPERATION', `Unknown operation ${String(o.operation)}`, { operation: String(o.operation) });
  }
  const results: WriteResult[] = new Array(records.length);
  const valid: Array<{ index: number; rec: unknown }> = [];
  records.forEach((rec, index) => {
    const bad = checkRecord(o.operation, rec, o.externalIdField, index);
    if (bad) results[index] = bad;
    else valid.push({ index, rec });
  });
  if (o.allOrNone && valid.length < records.length) {
    // Nothing is sent: the valid ones would be rolled back anyway.
    for (const v of valid) results[v.index] = { index: v.index, success: false, errors: [ROLLED_BACK] };
    return results;
  }
  const header = o.bulkThreshold && valid.length > o.bulkThreshold && !o.allOrNone && o.operation !== 'delete' ? bulkColumns(valid.map((v) => v.rec as SfRecord)) : null;
  if (header) {
    for (const r of await bulkWrite(client, o.object, o.operation, o.externalIdField, valid as Array<{ index: number; rec: SfRecord }>, header)) results[r.index] = r;
    o.onProgress?.(records.length, records.length);
    return results;
  }
  let done = records.length - valid.length;
  for (const part of chunk(valid, COLLECTION_SIZE)) {
    for (const r of await writeChunk(client, o, part)) results[r.index] = r;
    done += part.length;
    o.onProgress?.(done, records.length);
  }
  return results;
}
