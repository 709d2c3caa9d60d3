/**
 * Large reads through Bulk API 2.0 query jobs: create the job, poll until Salesforce has run it,
 * then read the result CSV page by page through the Sforce-Locator header. Pages are read one at
 * a time on demand (never through jsforce's bulk2.query(), which feeds every page into one CSV
 * parser and so turns each later page's header line into a bogus record).
 */
import { parse } from 'csv-parse/sync';
import HttpApi from 'jsforce/lib/http-api';
import type { Connection } from 'jsforce';
import { CrmError } from '../../core/errors';
import type { SalesforceClient } from './client';
import type { Page } from './query';
import type { SfRecord } from './types';

export interface BulkQueryOptions {
  /** queryAll: deleted and archived records too. */
  includeDeleted?: boolean;
  /** Records per result page (maxRecords). */
  pageSize?: number;
  pollIntervalMs?: number;
  /** Gives up (and aborts the job) when Salesforce has not finished it within this long. */
  timeoutMs?: number;
  /** Field types by column (from describe) for typing the CSV text; untyped columns stay strings. */
  types?: Record<string, string>;
  /** Ends the read: polling stops, an unfinished job is aborted. */
  signal?: AbortSignal;
}

interface JobInfo {
  id: string;
  state: 'UploadComplete' | 'InProgress' | 'Aborted' | 'JobComplete' | 'Failed';
  errorMessage?: string;
  numberRecordsProcessed?: number;
}

const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);
export const BULK_MAX_PAGE = 100_000;

/** One CSV cell as query mode would give it: empty → null, numbers and booleans typed by the field's type. */
export function typedCell(text: string, type: string | undefined): unknown {
  if (text === '') return null;
  if (type === 'boolean') return text === 'true';
  if (type && NUMBER_TYPES.has(type)) {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

/** A CSV row → record; dotted columns (Account.Name) become nested objects, null when all their values are. */
export function rowToRecord(row: Record<string, string>, types: Record<string, string> = {}): SfRecord {
  const out: SfRecord = {};
  for (const [column, text] of Object.entries(row)) {
    const path = column.split('.');
    let target = out;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as SfRecord;
    target[path[path.length - 1]] = typedCell(text, types[column]);
  }
  return collapseEmpty(out);
}

function collapseEmpty(rec: SfRecord): SfRecord {
  for (const [k, v] of Object.entries(rec)) {
    if (v && typeof v === 'object') {
      const inner = collapseEmpty(v as SfRecord);
      rec[k] = Object.values(inner).every((x) => x === null) ? null : inner;
    }
  }
  return rec;
}

function aborted(signal?: AbortSignal): boolean {
  return !!signal?.aborted;
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

const jobsUrl = (conn: Connection, path = '') => `/services/data/v${conn.version}/jobs/query${path}`;

/** One result page as text, with the locator of the next ("null" on the last page). */
function resultPage(conn: Connection, jobId: string, locator: string | undefined, max: number): Promise<{ text: string; next: string | undefined }> {
  const api = new HttpApi(conn, { responseType: 'text/plain' });
  let next: string | undefined;
  api.on('response', (res: { headers: Record<string, string | undefined> }) => {
    next = res.headers['sforce-locator'];
  });
  const query = new URLSearchParams({ maxRecords: String(max), ...(locator ? { locator } : {}) });
  const url = new URL(jobsUrl(conn, `/${jobId}/results?${query.toString()}`), conn.instanceUrl).toString();
  return (api.request({ method: 'GET', url, headers: { Accept: 'text/csv' } }) as Promise<unknown>).then((body) => ({
    text: String(body ?? ''),
    next: next && next !== 'null' ? next : undefined,
  }));
}

async function createJob(client: SalesforceClient, soql: string, includeDeleted: boolean): Promise<JobInfo> {
  const body = JSON.stringify({ operation: includeDeleted ? 'queryAll' : 'query', query: soql, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' });
  // A job started twice would run (and bill) twice: never re-sent after a dropped answer.
  return client.call((conn) => conn.request({ method: 'POST', url: jobsUrl(conn), body, headers: { 'Content-Type': 'application/json' } }) as Promise<JobInfo>, { retryUnanswered: false });
}

async function abortJob(client: SalesforceClient, id: string): Promise<void> {
  await client
    .call((conn) => conn.request({ method: 'PATCH', url: jobsUrl(conn, `/${id}`), body: JSON.stringify({ state: 'Aborted' }), headers: { 'Content-Type': 'application/json' } }), { timeoutMs: 10_000 })
    .catch(() => undefined);
}

/** Polls until the job is complete; Failed/Aborted/timeout → CrmError. Undefined when the read was stopped. */
async function awaitJob(client: SalesforceClient, job: JobInfo, o: BulkQueryOptions): Promise<JobInfo | undefined> {
  const timeoutMs = o.timeoutMs ?? 30 * 60_000;
  const deadline = Date.now() + timeoutMs;
  let interval = Math.max(10, o.pollIntervalMs ?? 1000);
  let info = job;
  for (;;) {
    if (aborted(o.signal)) return undefined;
    if (info.state === 'JobComplete') return info;
    if (info.state === 'Failed' || info.state === 'Aborted') {
      const message = info.errorMessage || `the job ended ${info.state}`;
      throw new CrmError('SF_BULK_FAILED', `Bulk query job ${info.id} ${info.state}: ${message}`, { params: { id: info.id, state: info.state, message } });
    }
    if (Date.now() >= deadline) {
      await abortJob(client, info.id);
      const minutes = Math.round(timeoutMs / 6000) / 10;
      throw new CrmError('SF_BULK_TIMEOUT', `Bulk query job ${info.id} not complete after ${timeoutMs} ms`, { params: { id: info.id, minutes, message: `not complete after ${minutes} min` } });
    }
    await wait(Math.min(interval, Math.max(0, deadline - Date.now())), o.signal);
    // Salesforce asks clients not to poll hard: back off up to 10 s between polls.
    interval = Math.min(10_000, Math.round(interval * 1.5));
    if (aborted(o.signal)) return undefined;
    info = await client.call((conn) => conn.request({ method: 'GET', url: jobsUrl(conn, `/${job.id}`) }) as Promise<JobInfo>);
  }
}

/** Pages of a Bulk API 2.0 query, read one at a time. totalSize is the job's record count. */
export async function* bulkQueryPages(client: SalesforceClient, soql: string, o: BulkQueryOptions = {}): AsyncGenerator<Page> {
  const max = Math.min(BULK_MAX_PAGE, Math.max(1, Math.floor(o.pageSize ?? 10_000)));
  const created = await createJob(client, soql, !!o.includeDeleted);
  // True until Salesforce has finished the job (or we gave up on it): a stopped read aborts it.
  let running = true;
  try {
    const job = await awaitJob(client, created, o).catch((err: unknown) => {
      if (err instanceof CrmError && err.code.startsWith('SF_BULK_')) running = false;
      throw err;
    });
    if (!job) return;
    running = false;
    const total = job.numberRecordsProcessed ?? 0;
    let locator: string | undefined;
    let page = 0;
    do {
      if (aborted(o.signal)) return;
      const res = await client.call((conn) => resultPage(conn, job.id, locator, max));
      const rows = parse(res.text, { columns: true, skip_empty_lines: true, relax_column_count: false }) as Array<Record<string, string>>;
      locator = res.next;
      page += 1;
      yield { records: rows.map((r) => rowToRecord(r, o.types)), page, totalSize: total, done: !locator };
    } while (locator);
  } finally {
    if (running) await abortJob(client, created.id);
  }
}
