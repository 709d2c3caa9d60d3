import { SfError, decodeSegments, requireObject } from './http';
import type { ApiResult, Call } from './rest';
import { errorResult } from './rest';

const MAX_SUBREQUESTS = 25;

interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

const HALTED = [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }];

/** Reads `ref.id` or `ref.records[0].Id` out of an earlier subrequest's body. */
function lookup(responses: Map<string, SubResponse>, expr: string): unknown {
  const [ref, ...path] = expr.replace(/\[(\d+)\]/g, '.$1').split('.');
  const prior = responses.get(ref);
  if (!prior || prior.httpStatusCode >= 400) return undefined;
  let value: unknown = prior.body;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function substitute(value: unknown, responses: Map<string, SubResponse>, missing: string[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/@\{([^}]+)\}/g, (_m, expr: string) => {
      const v = lookup(responses, expr);
      if (v === undefined || v === null) missing.push(expr);
      return v === undefined || v === null ? '' : String(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, responses, missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, responses, missing)]));
  }
  return value;
}

/**
 * POST /composite: up to 25 subrequests run in order as one API call; later ones may reference earlier
 * results with @{referenceId.path}. allOrNone rolls everything back when one fails.
 */
export function composite(call: Call, dispatch: (sub: Call) => ApiResult): ApiResult {
  const body = requireObject(call.body);
  const list = body.compositeRequest;
  if (!Array.isArray(list) || list.length === 0) throw new SfError(400, 'JSON_PARSER_ERROR', 'compositeRequest must be a non-empty array');
  if (list.length > MAX_SUBREQUESTS) throw new SfError(400, 'LIMIT_EXCEEDED', `Maximum number of subrequests is ${MAX_SUBREQUESTS}`);
  const allOrNone = body.allOrNone === true;
  const responses = new Map<string, SubResponse>();
  const out: SubResponse[] = [];
  const failed = call.ctx.store.transaction(
    () => {
      for (const raw of list) {
        const sub = requireObject(raw, 'subrequest');
        const referenceId = String(sub.referenceId ?? '');
        if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(referenceId) || responses.has(referenceId)) {
          throw new SfError(400, 'INVALID_INPUT', `Invalid or duplicate referenceId: ${referenceId}`);
        }
        const missing: string[] = [];
        const url = String(substitute(sub.url ?? '', responses, missing));
        const subBody = substitute(sub.body, responses, missing);
        let result: ApiResult;
        if (missing.length) {
          result = { status: 400, body: [{ errorCode: 'PROCESSING_HALTED', message: `Invalid reference specified. No value for ${missing[0]} found in ${missing[0].split('.')[0]}. Provided referenceId ('${missing[0].split('.')[0]}') must match a previous subrequest's referenceId or the result must include the property.` }] };
        } else {
          result = runSub(call, String(sub.method ?? 'GET').toUpperCase(), url, subBody, dispatch);
        }
        const response: SubResponse = { body: result.body ?? null, httpHeaders: result.headers ?? {}, httpStatusCode: result.status, referenceId };
        responses.set(referenceId, response);
        out.push(response);
        if (allOrNone && result.status >= 400) return true;
      }
      return false;
    },
    (halted) => !halted,
  );
  if (failed) {
    // The failing subrequest keeps its own error; everything else, before or after it, reports the halt.
    const failedIndex = out.findIndex((r) => r.httpStatusCode >= 400);
    const all = list.map((raw, i) => (i === failedIndex ? out[i] : { body: HALTED, httpHeaders: {}, httpStatusCode: 400, referenceId: String((raw as Record<string, unknown>).referenceId) }));
    return { status: 200, body: { compositeResponse: all } };
  }
  return { status: 200, body: { compositeResponse: out } };
}

function runSub(call: Call, method: string, url: string, body: unknown, dispatch: (sub: Call) => ApiResult): ApiResult {
  const parsed = new URL(url, 'http://twin');
  const m = /^\/services\/data\/v(\d+\.\d+)(\/.*)?$/.exec(parsed.pathname);
  if (!m) return { status: 400, body: [{ errorCode: 'INVALID_INPUT', message: `The subrequest url must start with /services/data/vXX.X: ${url}` }] };
  const segments = decodeSegments(m[2] ?? '');
  if (segments[0] === 'composite' && segments.length === 1) return { status: 400, body: [{ errorCode: 'INVALID_INPUT', message: 'Composite requests cannot be nested' }] };
  try {
    const ctx = { ...call.ctx, version: m[1] };
    const sub = { method, segments, query: parsed.searchParams, headers: call.headers, body, rawBody: body === undefined ? '' : JSON.stringify(body), ctx };
    // A failing subrequest must not leave half its writes behind.
    return ctx.store.transaction(() => dispatch(sub), (r) => r.status < 400);
  } catch (e) {
    return errorResult(e);
  }
}
