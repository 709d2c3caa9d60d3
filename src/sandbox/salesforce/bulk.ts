import { SfError, requireObject } from './http';
import { makeId } from './ids';
import type { IngestOperation, IngestOutcome, IngestSpec } from './bulk-ingest';
import { DELIMITERS, OPERATIONS, parseUpload, queryCsvLines, runIngest } from './bulk-ingest';
import type { ApiResult, Call } from './rest';
import { executeSoql, parseSoql } from './soql';
import type { Store } from './store';
import { formatDateTime } from './store';

type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

interface Job {
  kind: 'ingest' | 'query';
  info: Record<string, unknown>;
  state: JobState;
  upload?: string;
  spec?: IngestSpec;
  outcome?: IngestOutcome;
  query?: { rows: string[]; header: string; lineEnding: string };
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
  errorMessage?: string;
}

/** Salesforce locators are base64 offsets; the last page carries the literal string "null". */
const toLocator = (offset: number) => Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
const fromLocator = (locator: string) => Number(Buffer.from(locator, 'base64').toString('utf8'));

/**
 * Bulk API 2.0 ingest and query jobs. Jobs move Open → UploadComplete → InProgress → JobComplete (or Failed /
 * Aborted) on timers, so clients really poll; results are CSV.
 */
export class Bulk {
  private readonly jobs = new Map<string, Job>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private counter = 1;

  constructor(
    private readonly store: Store,
    private readonly processingMs: number,
    /** Records per results page when the client sends no maxRecords (Salesforce picks one itself). */
    private readonly defaultPageSize: number,
  ) {}

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  handle(call: Call, _baseUrl: string): ApiResult {
    const [, kind, id, sub] = call.segments;
    if (kind !== 'ingest' && kind !== 'query') throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (!id) {
      if (call.method === 'POST') return kind === 'ingest' ? this.createIngest(call) : this.createQuery(call);
      if (call.method === 'GET') {
        const records = [...this.jobs.values()].filter((j) => j.kind === kind).map((j) => this.view(j));
        return { status: 200, body: { done: true, records, nextRecordsUrl: null } };
      }
      throw new SfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${call.method}' not allowed`);
    }
    const job = this.jobs.get(id);
    if (!job || job.kind !== kind) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (!sub) return this.jobResource(call, job, id);
    if (kind === 'ingest' && sub === 'batches' && call.method === 'PUT') return this.upload(call, job);
    if (call.method !== 'GET') throw new SfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${call.method}' not allowed`);
    if (kind === 'query' && sub === 'results') return this.queryResults(call, job);
    const files: Record<string, keyof IngestOutcome> = { successfulResults: 'successful', failedResults: 'failed', unprocessedrecords: 'unprocessed' };
    if (kind === 'ingest' && files[sub]) {
      if (job.state !== 'JobComplete' && job.state !== 'Failed' && job.state !== 'Aborted') throw new SfError(400, 'JOB_NOT_COMPLETE', 'Job is not complete');
      return { status: 200, text: job.outcome ? String(job.outcome[files[sub]]) : '', contentType: 'text/csv' };
    }
    throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  private newJob(kind: Job['kind'], call: Call, fields: Record<string, unknown>, state: JobState): Job {
    const id = makeId('750', this.counter++);
    const now = formatDateTime(Date.now());
    const info = {
      id,
      ...fields,
      createdById: call.ctx.userId,
      createdDate: now,
      systemModstamp: now,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(call.ctx.version),
      ...(kind === 'ingest' ? { contentUrl: `services/data/v${call.ctx.version}/jobs/ingest/${id}/batches` } : {}),
    };
    const job: Job = { kind, info, state, numberRecordsProcessed: 0, numberRecordsFailed: 0 };
    this.jobs.set(id, job);
    return job;
  }

  private options(body: Record<string, unknown>): { delimiter: string; lineEnding: string; columnDelimiter: string } {
    const columnDelimiter = String(body.columnDelimiter ?? 'COMMA');
    const lineEnding = String(body.lineEnding ?? 'LF');
    if (!DELIMITERS[columnDelimiter]) throw new SfError(400, 'INVALIDJOB', `Invalid column delimiter: ${columnDelimiter}`);
    if (lineEnding !== 'LF' && lineEnding !== 'CRLF') throw new SfError(400, 'INVALIDJOB', `Invalid line ending: ${lineEnding}`);
    return { delimiter: DELIMITERS[columnDelimiter], lineEnding, columnDelimiter };
  }

  private createIngest(call: Call): ApiResult {
    const body = requireObject(call.body);
    const operation = String(body.operation ?? '') as IngestOperation;
    if (!OPERATIONS.includes(operation)) throw new SfError(400, 'INVALIDJOB', `Invalid operation: ${operation}`);
    const def = this.store.object(String(body.object ?? ''));
    if (!def) throw new SfError(400, 'INVALIDJOB', `Entity '${String(body.object ?? '')}' is not supported by the Bulk API.`);
    const ext = body.externalIdFieldName === undefined ? undefined : String(body.externalIdFieldName);
    if (operation === 'upsert' && !ext) throw new SfError(400, 'INVALIDJOB', 'External ID was blank for upsert');
    const opts = this.options(body);
    const job = this.newJob('ingest', call, { operation, object: def.name, ...(ext ? { externalIdFieldName: ext } : {}), lineEnding: opts.lineEnding, columnDelimiter: opts.columnDelimiter }, 'Open');
    job.spec = { def, operation, externalIdFieldName: ext, delimiter: opts.delimiter, lineEnding: opts.lineEnding };
    return { status: 200, body: this.view(job, false) };
  }

  private upload(call: Call, job: Job): ApiResult {
    if (job.state !== 'Open') throw new SfError(409, 'INVALIDJOBSTATE', 'Job is not in Open state');
    if (job.upload !== undefined) throw new SfError(409, 'INVALIDJOBSTATE', 'Data has already been uploaded to this job');
    job.upload = call.rawBody;
    return { status: 201 };
  }

  private createQuery(call: Call): ApiResult {
    const body = requireObject(call.body);
    const operation = String(body.operation ?? 'query');
    if (operation !== 'query' && operation !== 'queryAll') throw new SfError(400, 'INVALIDJOB', `Invalid operation: ${operation}`);
    const opts = this.options(body);
    const soql = String(body.query ?? '');
    // Bulk 2.0 refuses what it cannot split into chunks: aggregates such as COUNT(), OFFSET, child subqueries.
    const parsed = parseSoql(soql);
    if (parsed.offset !== undefined || parsed.fields?.some((f) => f.type === 'FieldFunctionExpression' || f.type === 'FieldSubquery')) {
      throw new SfError(400, 'INVALIDJOB', 'COUNT(), OFFSET and child subqueries are not supported in Bulk API 2.0 queries');
    }
    const result = executeSoql(this.store, soql, operation === 'queryAll', call.ctx.version);
    const object = String(result.records[0]?.attributes ? (result.records[0].attributes as { type: string }).type : /from\s+(\w+)/i.exec(String(body.query))?.[1] ?? '');
    const job = this.newJob('query', call, { operation, object, lineEnding: opts.lineEnding, columnDelimiter: opts.columnDelimiter }, 'UploadComplete');
    job.query = { ...queryCsvLines(result.columns, result.records, opts.delimiter), lineEnding: opts.lineEnding };
    this.later(0, () => job.state === 'UploadComplete' && (job.state = 'InProgress'));
    this.later(this.processingMs, () => {
      if (job.state !== 'InProgress' && job.state !== 'UploadComplete') return;
      job.numberRecordsProcessed = result.records.length;
      job.state = 'JobComplete';
    });
    return { status: 200, body: this.view(job, false) };
  }

  private jobResource(call: Call, job: Job, id: string): ApiResult {
    if (call.method === 'GET') return { status: 200, body: this.view(job) };
    if (call.method === 'DELETE') {
      if (job.state === 'Open' || job.state === 'UploadComplete' || job.state === 'InProgress') throw new SfError(400, 'INVALIDJOBSTATE', 'Job must be closed, aborted or complete before deletion');
      this.jobs.delete(id);
      return { status: 204 };
    }
    if (call.method !== 'PATCH') throw new SfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${call.method}' not allowed`);
    const state = String(requireObject(call.body).state ?? '');
    if (state === 'Aborted') {
      if (job.state === 'JobComplete' || job.state === 'Failed') throw new SfError(400, 'INVALIDJOBSTATE', `Job is already ${job.state}`);
      job.state = 'Aborted';
      if (job.spec && job.upload !== undefined && !job.outcome) this.abortOutcome(job);
      return { status: 200, body: this.view(job, false) };
    }
    if (state !== 'UploadComplete' || job.kind !== 'ingest') throw new SfError(400, 'INVALIDJOBSTATE', `Cannot change the job state to ${state}`);
    if (job.state !== 'Open') throw new SfError(409, 'INVALIDJOBSTATE', 'Job is not in Open state');
    job.state = 'UploadComplete';
    this.later(0, () => job.state === 'UploadComplete' && (job.state = 'InProgress'));
    this.later(this.processingMs, () => this.process(job, call));
    return { status: 200, body: this.view(job, false) };
  }

  private process(job: Job, call: Call): void {
    if (job.state !== 'InProgress' && job.state !== 'UploadComplete') return;
    try {
      const { header, rows } = parseUpload(job.upload ?? '', job.spec!);
      job.outcome = runIngest(call.ctx, job.spec!, header, rows);
      job.numberRecordsProcessed = job.outcome.processed;
      job.numberRecordsFailed = job.outcome.failedCount;
      job.state = 'JobComplete';
    } catch (e) {
      job.state = 'Failed';
      job.errorMessage = (e as Error).message;
      this.abortOutcome(job);
    }
  }

  private abortOutcome(job: Job): void {
    job.outcome = { successful: '"sf__Id","sf__Created"\n', failed: '"sf__Id","sf__Error"\n', unprocessed: job.upload ?? '', processed: 0, failedCount: 0 };
  }

  private queryResults(call: Call, job: Job): ApiResult {
    if (job.state !== 'JobComplete') throw new SfError(412, 'JOB_NOT_COMPLETE', 'Job is not complete');
    const q = job.query!;
    const offset = call.query.get('locator') ? fromLocator(call.query.get('locator')!) : 0;
    if (!Number.isInteger(offset) || offset < 0 || offset > q.rows.length) throw new SfError(400, 'INVALID_LOCATOR', 'Invalid locator');
    const max = Number(call.query.get('maxRecords') ?? this.defaultPageSize);
    if (!Number.isInteger(max) || max <= 0) throw new SfError(400, 'INVALIDJOB', 'maxRecords must be a positive integer');
    const page = q.rows.slice(offset, offset + max);
    const next = offset + page.length;
    const eol = q.lineEnding === 'CRLF' ? '\r\n' : '\n';
    return {
      status: 200,
      text: [q.header, ...page].join(eol) + eol,
      contentType: 'text/csv',
      headers: { 'Sforce-NumberOfRecords': String(page.length), 'Sforce-Locator': next >= q.rows.length ? 'null' : toLocator(next) },
    };
  }

  private view(job: Job, full = true): Record<string, unknown> {
    const base = { ...job.info, state: job.state };
    if (!full) return base;
    return {
      ...base,
      jobType: job.kind === 'ingest' ? 'V2Ingest' : 'V2Query',
      numberRecordsProcessed: job.numberRecordsProcessed,
      ...(job.kind === 'ingest' ? { numberRecordsFailed: job.numberRecordsFailed } : {}),
      retries: 0,
      totalProcessingTime: 0,
      ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
    };
  }
}
