/**
 * Reads as async generators of pages (≤ 2,000 records each, nextRecordsUrl locators), so a caller
 * holds one page at a time whatever the result size. Delta reads use a compound
 * (SystemModstamp, Id) cursor: records sharing a timestamp at a page edge are neither missed nor
 * repeated, across restarts too.
 */
import type { SalesforceClient } from './client';
import { chunk, stripAttributes, toIsoDateTime } from './records';
import { assertIdentifier, bindSoql } from './soql';
import type { SfRecord } from './types';

export interface Page {
  records: SfRecord[];
  /** 1-based page number. */
  page: number;
  totalSize: number;
  done: boolean;
}

export interface QueryOptions {
  /** queryAll: deleted and archived records too. */
  includeDeleted?: boolean;
  /** Records per page, 200-2,000 (Sforce-Query-Options). */
  pageSize?: number;
}

interface QueryResponse {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: SfRecord[];
}

export async function* queryPages(client: SalesforceClient, soql: string, options: QueryOptions = {}): AsyncGenerator<Page> {
  const size = Math.min(2000, Math.max(200, Math.floor(options.pageSize ?? 2000)));
  const headers = { 'Sforce-Query-Options': `batchSize=${size}` };
  let next: string | undefined;
  let page = 0;
  do {
    const res = await client.call((conn) => {
      const url = next ?? `/services/data/v${conn.version}/${options.includeDeleted ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`;
      return conn.request({ method: 'GET', url, headers }) as Promise<QueryResponse>;
    });
    page += 1;
    next = res.done ? undefined : res.nextRecordsUrl;
    yield { records: stripAttributes(res.records), page, totalSize: res.totalSize, done: !next };
  } while (next);
}

/** Position after the last record handed out by a delta read. */
export interface DeltaCursor {
  systemModstamp: string;
  id: string;
}

export interface DeltaOptions extends QueryOptions {
  object: string;
  fields: string[];
  /** Extra condition, with :name binds from params. */
  where?: string;
  params?: Record<string, unknown>;
  cursor?: DeltaCursor | null;
}

export function deltaSoql(o: DeltaOptions): string {
  const object = assertIdentifier(o.object, 'object');
  const fields = [...new Set(['Id', 'SystemModstamp', ...(o.includeDeleted ? ['IsDeleted'] : []), ...o.fields.map((f) => assertIdentifier(f, 'field'))])];
  const conditions: string[] = [];
  if (o.cursor) {
    conditions.push(bindSoql('(SystemModstamp > :t OR (SystemModstamp = :t AND Id > :id))', { t: { $datetime: toIsoDateTime(o.cursor.systemModstamp) }, id: o.cursor.id }));
  }
  if (o.where?.trim()) conditions.push(`(${bindSoql(o.where, o.params ?? {})})`);
  return `SELECT ${fields.join(', ')} FROM ${object}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''} ORDER BY SystemModstamp, Id`;
}

export function cursorAfter(records: SfRecord[], previous?: DeltaCursor | null): DeltaCursor | null {
  const last = records[records.length - 1];
  if (!last) return previous ?? null;
  return { systemModstamp: String(last.SystemModstamp), id: String(last.Id) };
}

/** Pages of records changed after the cursor; each page carries the cursor to store once it is handled. */
export async function* deltaPages(client: SalesforceClient, o: DeltaOptions): AsyncGenerator<Page & { cursor: DeltaCursor | null }> {
  let cursor = o.cursor ?? null;
  for await (const page of queryPages(client, deltaSoql(o), o)) {
    cursor = cursorAfter(page.records, cursor);
    yield { ...page, cursor };
  }
}

/** Records by id through sObject Collections retrieve (2,000 ids a call), in pages. */
export async function* retrievePages(client: SalesforceClient, object: string, ids: string[], fields: string[]): AsyncGenerator<Page> {
  assertIdentifier(object, 'object');
  fields.forEach((f) => assertIdentifier(f, 'field'));
  const parts = chunk(ids, 2000);
  let page = 0;
  for (const part of parts) {
    const res = await client.call((conn) =>
      conn.request({ method: 'POST', url: `/services/data/v${conn.version}/composite/sobjects/${object}`, body: JSON.stringify({ ids: part, fields }), headers: { 'Content-Type': 'application/json' } }),
    );
    page += 1;
    // Unknown ids come back as null: keep only the records found.
    const records = (res as Array<SfRecord | null>).filter((r): r is SfRecord => !!r);
    yield { records: stripAttributes(records), page, totalSize: ids.length, done: page === parts.length };
  }
}

/** Field names of an object (for reads that name no fields). */
export async function fieldNames(client: SalesforceClient, object: string): Promise<string[]> {
  const d = await describe(client, object);
  return d.fields.map((f) => f.name);
}

export async function describe(client: SalesforceClient, object: string): Promise<{ name: string; fields: Array<{ name: string }> } & SfRecord> {
  assertIdentifier(object, 'object');
  return client.call((conn) => conn.describe(object)) as never;
}
