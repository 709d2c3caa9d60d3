/**
 * Large writes through Bulk API 2.0 (one job instead of a Collections call per 200 records).
 * Bulk results come back as CSV rows echoing the uploaded values, in no guaranteed order, so
 * each row is matched back to its input record by those values; an input record no result row
 * matches is reported as unprocessed, never dropped.
 */
import type { SalesforceClient } from './client';
import type { RecordError, SfRecord, WriteOperation, WriteResult } from './types';

/** jsforce writes null as #N/A (which clears a field) and echoes it in the results. */
const NULL_MARKER = '#N/A';

const OPERATION: Record<WriteOperation, 'insert' | 'update' | 'upsert' | 'delete'> = { create: 'insert', update: 'update', upsert: 'upsert', delete: 'delete' };

function cell(v: unknown): string {
  if (v === null) return NULL_MARKER;
  if (v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Bulk uploads take their columns from the first record: usable only when every record has the same keys. */
export function bulkColumns(records: SfRecord[]): string[] | null {
  if (!records.length) return null;
  const header = Object.keys(records[0]).filter((k) => k !== 'attributes').sort();
  const same = records.every((r) => {
    const keys = Object.keys(r).filter((k) => k !== 'attributes').sort();
    return keys.length === header.length && keys.every((k, i) => k === header[i]);
  });
  const flat = records.every((r) => header.every((k) => r[k] === null || typeof r[k] !== 'object' || r[k] instanceof Date));
  return same && flat ? header : null;
}

/** "CODE:message:field1,field2 --" → RecordError. */
export function parseBulkError(text: string): RecordError {
  const body = text.replace(/\s*--\s*$/, '');
  const first = body.indexOf(':');
  if (first < 0) return { statusCode: body || 'UNKNOWN', message: body, fields: [] };
  const rest = body.slice(first + 1);
  const last = rest.lastIndexOf(':');
  const fields = last >= 0 ? rest.slice(last + 1).split(',').map((f) => f.trim()).filter(Boolean) : [];
  return { statusCode: body.slice(0, first), message: last >= 0 ? rest.slice(0, last) : rest, fields };
}

export async function bulkWrite(client: SalesforceClient, object: string, operation: WriteOperation, externalIdField: string | undefined, items: Array<{ index: number; rec: SfRecord }>, header: string[]): Promise<WriteResult[]> {
  const input = items.map((i) => Object.fromEntries(header.map((h) => [h, i.rec[h]])));
  const res = await client.call(
    (conn) =>
      conn.bulk2.loadAndWaitForResults({ object, operation: OPERATION[operation], externalIdFieldName: externalIdField, input: input as never, pollInterval: 500, pollTimeout: 30 * 60_000 }),
    // A job is created and run by Salesforce: never sent twice.
    { retryUnanswered: false, timeoutMs: 0 },
  );
  const byKey = new Map<string, number[]>();
  items.forEach((item) => {
    const key = header.map((h) => cell(item.rec[h])).join('\u0000');
    byKey.set(key, [...(byKey.get(key) ?? []), item.index]);
  });
  const take = (row: Record<string, unknown>): number | undefined => byKey.get(header.map((h) => String(row[h] ?? '')).join('\u0000'))?.shift();
  const out = new Map<number, WriteResult>();
  for (const row of res.successfulResults as Array<Record<string, unknown>>) {
    const index = take(row);
    if (index !== undefined) out.set(index, { index, success: true, id: String(row.sf__Id), created: row.sf__Created === 'true', errors: [] });
  }
  for (const row of res.failedResults as Array<Record<string, unknown>>) {
    const index = take(row);
    if (index !== undefined) out.set(index, { index, success: false, id: row.sf__Id ? String(row.sf__Id) : undefined, errors: [parseBulkError(String(row.sf__Error ?? ''))] });
  }
  return items.map(
    (i) => out.get(i.index) ?? { index: i.index, success: false, errors: [{ statusCode: 'UNPROCESSED', message: 'The Bulk API job did not process this record', fields: [] }] },
  );
}
