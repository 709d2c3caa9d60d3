import { SfError, requireObject } from './http';
import type { ObjectDef } from './schema';
import { createRecord, deleteRecord, liveRecord, recordJson, requireType, updateRecord, upsertRecord } from './records';
import type { ApiResult, Call } from './rest';
import type { WriteContext } from './validate';

const MAX_RECORDS = 200;

interface SaveResult {
  id?: string;
  success: boolean;
  errors: Array<{ statusCode: string; message: string; fields: string[] }>;
  created?: boolean;
}

function failure(e: unknown, id?: string): SaveResult {
  if (!(e instanceof SfError)) throw e;
  const item = e.items[0];
  const { errorCode: _code, message, fields, ...extra } = item;
  return { ...(id ? { id } : {}), success: false, errors: [{ statusCode: e.errorCode, message, fields: fields ?? [], ...extra }] };
}

const ROLLED_BACK = { statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] };

/**
 * Runs one operation per record in request order. With allOrNone, any failure undoes the whole call and
 * every record that had succeeded reports ALL_OR_NONE_OPERATION_ROLLED_BACK instead.
 */
function runAll(ctx: WriteContext, allOrNone: boolean, count: number, op: (i: number) => SaveResult): SaveResult[] {
  return ctx.store.transaction(
    () => {
      const results: SaveResult[] = [];
      for (let i = 0; i < count; i++) results.push(op(i));
      if (allOrNone && results.some((r) => !r.success)) {
        return results.map((r) => (r.success ? { ...(r.id ? { id: r.id } : {}), success: false, errors: [ROLLED_BACK] } : r));
      }
      return results;
    },
    (results) => !(allOrNone && results.some((r) => !r.success)),
  );
}

function records(body: Record<string, unknown>): Array<Record<string, unknown>> {
  const list = body.records;
  if (!Array.isArray(list)) throw new SfError(400, 'JSON_PARSER_ERROR', 'The request body must have a records array');
  if (list.length > MAX_RECORDS) throw new SfError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
  return list.map((r) => requireObject(r, 'record'));
}

function typeOf(ctx: WriteContext, record: Record<string, unknown>): ObjectDef {
  const type = (record.attributes as { type?: string } | undefined)?.type;
  const def = type ? ctx.store.object(type) : undefined;
  if (!def) throw new SfError(400, 'INVALID_TYPE', type ? `sObject type '${type}' is not supported.` : 'When creating records, the type must be specified in attributes');
  return def;
}

/** sObject Collections under /composite/sobjects: create, update, upsert, delete and retrieve up to 200 records. */
export function collections(call: Call, type: string | undefined, extField: string | undefined): ApiResult {
  const { ctx, method } = call;
  if (method === 'DELETE') {
    const ids = (call.query.get('ids') ?? '').split(',').filter(Boolean);
    if (ids.length > MAX_RECORDS) throw new SfError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
    const allOrNone = call.query.get('allOrNone') === 'true';
    return {
      status: 200,
      body: runAll(ctx, allOrNone, ids.length, (i) => {
        try {
          const located = ctx.store.locate(ids[i]);
          if (!located) throw new SfError(404, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
          return { id: deleteRecord(ctx, located.def, ids[i]), success: true, errors: [] };
        } catch (e) {
          return failure(e, ids[i]);
        }
      }),
    };
  }
  const body = requireObject(call.body);
  if (method === 'POST' && type) {
    // Retrieve: POST /composite/sobjects/T {ids, fields}
    const def = requireType(ctx, type);
    const ids = body.ids as string[] | undefined;
    const fields = body.fields as string[] | undefined;
    if (!Array.isArray(ids) || !Array.isArray(fields)) throw new SfError(400, 'JSON_PARSER_ERROR', 'ids and fields arrays are required');
    if (ids.length > 2000) throw new SfError(400, 'EXCEEDED_ID_LIMIT', 'Cannot retrieve more than 2000 records');
    return {
      status: 200,
      body: ids.map((id) => {
        try {
          return recordJson(ctx, def, liveRecord(ctx, def, id), fields);
        } catch (e) {
          if (e instanceof SfError && e.status === 404) return null;
          throw e;
        }
      }),
    };
  }
  const list = records(body);
  const allOrNone = body.allOrNone === true;
  const each = (op: (r: Record<string, unknown>) => SaveResult, idOf: (r: Record<string, unknown>) => string | undefined) =>
    runAll(ctx, allOrNone, list.length, (i) => {
      try {
        return op(list[i]);
      } catch (e) {
        return failure(e, idOf(list[i]));
      }
    });
  if (method === 'POST' && !type) {
    return {
      status: 200,
      body: each((r) => {
        if (r.Id || r.id) throw new SfError(400, 'INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
        return { id: createRecord(ctx, typeOf(ctx, r), r), success: true, errors: [] };
      }, () => undefined),
    };
  }
  if (method === 'PATCH' && !type) {
    return {
      status: 200,
      body: each((r) => {
        const id = (r.Id ?? r.id) as string | undefined;
        if (!id) throw new SfError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
        return { id: updateRecord(ctx, typeOf(ctx, r), id, r), success: true, errors: [] };
      }, (r) => (r.Id ?? r.id) as string | undefined),
    };
  }
  if (method === 'PATCH' && type && extField) {
    const def = requireType(ctx, type);
    return {
      status: 200,
      body: each((r) => {
        const value = r[extField] ?? r[Object.keys(r).find((k) => k.toLowerCase() === extField.toLowerCase()) ?? ''];
        if (value === undefined || value === null) throw new SfError(400, 'MISSING_ARGUMENT', `${extField} not specified`, [extField]);
        const result = upsertRecord(ctx, def, extField, String(value), r);
        return { id: result.id, success: true, errors: [], created: result.created };
      }, () => undefined),
    };
  }
  throw new SfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed here`);
}
