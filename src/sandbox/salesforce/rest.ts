import type { IncomingHttpHeaders } from 'node:http';
import { Bulk } from './bulk';
import { collections } from './collections';
import { composite } from './composite';
import { describeBasic, describeGlobal, describeObject } from './describe';
import type { ApiRequest } from './http';
import { SfError, parseJsonBody, requireObject, sendJson, sendText } from './http';
import type { Usage } from './limits';
import { QueryCursors } from './query';
import { replication } from './replication';
import { MultipleMatches, createRecord, deleteRecord, liveRecord, recordByExternalId, recordJson, requireType, updateRecord, upsertRecord } from './records';
import type { SfRecord, Store } from './store';
import { parseDateTime } from './store';
import type { WriteContext } from './validate';

export interface ApiDeps {
  store: Store;
  usage: Usage;
  baseUrl: () => string;
  duplicateRules: Record<string, string[]>;
  bulkProcessingMs: number;
  bulkPageSize: number;
}

/** What a REST resource answers: JSON (body) or text (CSV), with a status and extra headers. */
export interface ApiResult {
  status: number;
  body?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One REST call as the dispatcher sees it; composite subrequests build these too. */
export interface Call {
  method: string;
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
  ctx: WriteContext;
}

/**
 * Conditional requests on sObject rows: GET with If-Modified-Since answers 304 when the record has not changed
 * since; PATCH/DELETE with If-Unmodified-Since answer 412 when it has (HTTP dates have second resolution).
 * The 412 body text is [UNVERIFIED]; the status and the header semantics are documented.
 */
function checkConditions(call: Call, record: SfRecord): ApiResult | undefined {
  const lastModified = Math.floor(parseDateTime(String(record.LastModifiedDate)) / 1000) * 1000;
  const header = (name: string) => {
    const raw = call.headers[name];
    const ms = typeof raw === 'string' ? Date.parse(raw) : NaN;
    return Number.isNaN(ms) ? undefined : ms;
  };
  const since = header('if-modified-since');
  if (call.method === 'GET' && since !== undefined && lastModified <= since) return { status: 304 };
  const unmodified = header('if-unmodified-since');
  if (call.method !== 'GET' && unmodified !== undefined && lastModified > unmodified) {
    throw new SfError(412, 'PRECONDITION_FAILED', 'The requested resource has been modified since the time specified in the If-Unmodified-Since header');
  }
  return undefined;
}

/** changeOrigin as CDC reports it: the API, its version and the client named in Sforce-Call-Options. */
export function changeOrigin(api: string, version: string, callOptions: string | string[] | undefined): string {
  const client = /(?:^|[,\s])client=([^,\s]+)/.exec(String(callOptions ?? ''));
  return `com/salesforce/api/${api}/${version}${client ? `;client=${client[1]}` : ''}`;
}

export function errorResult(e: unknown): ApiResult {
  if (e instanceof MultipleMatches) return { status: 300, body: e.urls };
  if (e instanceof SfError) return { status: e.status, body: e.items };
  return { status: 500, body: [{ message: `An unexpected error occurred: ${(e as Error).message}`, errorCode: 'UNKNOWN_EXCEPTION' }] };
}

export class Api {
  private readonly cursors = new QueryCursors();
  private readonly bulk: Bulk;

  constructor(private readonly deps: ApiDeps) {
    this.bulk = new Bulk(deps.store, deps.bulkProcessingMs, deps.bulkPageSize);
  }

  stop(): void {
    this.bulk.stop();
  }

  async handle(req: ApiRequest): Promise<void> {
    const ctx: WriteContext = {
      store: this.deps.store,
      userId: req.userId,
      version: req.version,
      duplicateRules: this.deps.duplicateRules,
      allowDuplicates: /allowSave\s*=\s*true/i.test(String(req.headers['sforce-duplicate-rule-header'] ?? '')),
      origin: changeOrigin(req.segments[0] === 'jobs' ? 'bulkv2' : 'rest', req.version, req.headers['sforce-call-options']),
    };
    const isCsv = /^text\/csv/i.test(String(req.headers['content-type'] ?? ''));
    let result: ApiResult;
    try {
      const body = isCsv ? undefined : parseJsonBody(req.body);
      result = this.dispatch({ method: req.method, segments: req.segments, query: req.query, headers: req.headers, body, rawBody: req.body, ctx });
    } catch (e) {
      result = errorResult(e);
    }
    if (result.text !== undefined) return sendText(req.res, result.status, result.text, result.contentType ?? 'text/csv', result.headers);
    sendJson(req.res, result.status, result.body, result.headers);
  }

  /** Routes one call; throws SfError for failures (the caller turns them into the error body). */
  dispatch(call: Call): ApiResult {
    const { method, segments } = call;
    const [root, a, b, c] = segments;
    const allowed = (...methods: string[]) => {
      if (!methods.includes(method)) throw new SfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${methods.join(',')}`);
    };
    switch (root) {
      case undefined:
        return { status: 200, body: this.resources(call.ctx.version) };
      case 'limits':
        allowed('GET');
        return { status: 200, body: this.deps.usage.limitsResource() };
      case 'query':
      case 'queryAll': {
        allowed('GET');
        const batch = /batchSize\s*=\s*(\d+)/i.exec(String(call.headers['sforce-query-options'] ?? ''));
        if (a) return { status: 200, body: this.cursors.next(a, call.ctx.version) };
        const q = call.query.get('q');
        if (!q) throw new SfError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
        return { status: 200, body: this.cursors.start(this.deps.store, q, root === 'queryAll', call.ctx.version, batch ? Number(batch[1]) : undefined) };
      }
      case 'sobjects':
        return this.sobjects(call, a, b, c, allowed);
      case 'composite':
        if (a === 'sobjects') return collections(call, b, c);
        if (a === undefined) {
          allowed('POST');
          return composite(call, (sub) => this.dispatch(sub));
        }
        break;
      case 'jobs':
        return this.bulk.handle(call, this.deps.baseUrl());
    }
    throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  private sobjects(call: Call, type: string | undefined, second: string | undefined, third: string | undefined, allowed: (...m: string[]) => void): ApiResult {
    const { ctx, method } = call;
    const defs = ctx.store.schema.values();
    if (!type) {
      allowed('GET');
      return { status: 200, body: describeGlobal(defs, ctx.version) };
    }
    const def = requireType(ctx, type);
    if (!second) {
      allowed('GET', 'POST');
      if (method === 'GET') return { status: 200, body: describeBasic(def, ctx.version) };
      const id = createRecord(ctx, def, requireObject(call.body));
      return { status: 201, body: { id, success: true, errors: [] } };
    }
    if (second === 'describe' && !third) {
      allowed('GET');
      return { status: 200, body: describeObject(def, ctx.version, ctx.store.schema) };
    }
    if ((second === 'updated' || second === 'deleted') && !third) {
      allowed('GET');
      return { status: 200, body: replication(ctx.store, def, second, call.query) };
    }
    if (third !== undefined) {
      // /sobjects/T/{externalIdField}/{value}
      allowed('GET', 'PATCH', 'DELETE');
      if (method === 'PATCH') {
        const r = upsertRecord(ctx, def, second, third, requireObject(call.body ?? {}));
        return { status: r.created ? 201 : 200, body: { id: r.id, success: true, errors: [], created: r.created } };
      }
      const record = recordByExternalId(ctx, def, second, third);
      if (method === 'DELETE') {
        deleteRecord(ctx, def, record.Id as string);
        return { status: 204 };
      }
      return { status: 200, body: recordJson(ctx, def, record) };
    }
    allowed('GET', 'PATCH', 'DELETE');
    const conditional = checkConditions(call, liveRecord(ctx, def, second));
    if (conditional) return conditional;
    if (method === 'GET') {
      const fields = call.query.get('fields');
      const record = liveRecord(ctx, def, second);
      return { status: 200, body: recordJson(ctx, def, record, fields ? fields.split(',') : undefined) };
    }
    if (method === 'PATCH') {
      updateRecord(ctx, def, second, requireObject(call.body));
      return { status: 204 };
    }
    deleteRecord(ctx, def, second);
    return { status: 204 };
  }

  private resources(version: string): Record<string, string> {
    const v = `/services/data/v${version}`;
    return {
      limits: `${v}/limits`,
      sobjects: `${v}/sobjects`,
      query: `${v}/query`,
      queryAll: `${v}/queryAll`,
      composite: `${v}/composite`,
      jobs: `${v}/jobs`,
    };
  }
}
