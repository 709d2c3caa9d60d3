import { CrmError } from '../../core/errors';

/** One error as monday sends it (API 2025-01+): `extensions: {code, error_data, status_code, retry_in_seconds}`. */
export interface MondayGraphQLError {
  message?: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; error_data?: Record<string, unknown>; status_code?: number; retry_in_seconds?: number; [k: string]: unknown };
}

/** monday's error codes → our stable codes; the catalog (monday-client.json) says what to do about each. */
const CODE_MAP: Record<string, string> = {
  NOT_AUTHENTICATED: 'MONDAY_UNAUTHORIZED',
  UserUnauthorizedException: 'MONDAY_FORBIDDEN',
  COMPLEXITY_BUDGET_EXHAUSTED: 'MONDAY_COMPLEXITY_EXHAUSTED',
  ComplexityException: 'MONDAY_QUERY_TOO_COMPLEX',
  RATE_LIMIT_EXCEEDED: 'MONDAY_RATE_LIMITED',
  maxConcurrencyExceeded: 'MONDAY_RATE_LIMITED',
  FIELD_LIMIT_EXCEEDED: 'MONDAY_RATE_LIMITED',
  IP_RATE_LIMIT_EXCEEDED: 'MONDAY_RATE_LIMITED',
  DAILY_LIMIT_EXCEEDED: 'MONDAY_DAILY_LIMIT',
  ColumnValueException: 'MONDAY_COLUMN_VALUE_INVALID',
  DATA_VALIDATIONS_ERROR: 'MONDAY_COLUMN_VALUE_INVALID',
  InvalidBoardIdException: 'MONDAY_NOT_FOUND',
  InvalidItemIdException: 'MONDAY_NOT_FOUND',
  InvalidGroupIdException: 'MONDAY_NOT_FOUND',
  ResourceNotFoundException: 'MONDAY_NOT_FOUND',
  InvalidColumnIdException: 'MONDAY_COLUMN_NOT_FOUND',
  InvalidArgumentException: 'MONDAY_INVALID_ARGUMENT',
  CursorExpiredError: 'MONDAY_CURSOR_EXPIRED',
  CursorException: 'MONDAY_CURSOR_EXPIRED',
  InvalidVersionException: 'MONDAY_API_VERSION_INVALID',
  GRAPHQL_VALIDATION_FAILED: 'MONDAY_BAD_REQUEST',
  GRAPHQL_PARSE_FAILED: 'MONDAY_BAD_REQUEST',
  JsonParseException: 'MONDAY_BAD_REQUEST',
};

/** Waiting these out is worth it: monday refused before doing anything and says when to come back. */
export const RETRY_LATER_CODES = new Set(['MONDAY_COMPLEXITY_EXHAUSTED', 'MONDAY_RATE_LIMITED']);

function retryIn(e: MondayGraphQLError, headers?: Headers): number | undefined {
  const fromBody = Number(e.extensions?.retry_in_seconds ?? e.extensions?.error_data?.retry_in_seconds);
  if (Number.isFinite(fromBody) && fromBody >= 0) return fromBody;
  const fromHeader = Number(headers?.get('retry-after'));
  return Number.isFinite(fromHeader) && fromHeader >= 0 ? fromHeader : undefined;
}

/** One monday error (a whole request's, or one alias's) as a CrmError with monday's code kept in details. */
export function fromMondayError(e: MondayGraphQLError, httpStatus: number, headers?: Headers): CrmError {
  const mondayCode = e.extensions?.code ?? (httpStatus === 401 ? 'NOT_AUTHENTICATED' : httpStatus >= 500 ? 'SERVER_ERROR' : 'UNKNOWN');
  const code = CODE_MAP[mondayCode] ?? (httpStatus >= 500 ? 'MONDAY_SERVER_ERROR' : 'MONDAY_API_ERROR');
  const message = String(e.message ?? `monday answered HTTP ${httpStatus}`);
  const errorData = e.extensions?.error_data ?? {};
  const retry = retryIn(e, headers);
  const columnType = typeof errorData.column_type === 'string' ? errorData.column_type : '';
  return new CrmError(code, message, {
    retryable: RETRY_LATER_CODES.has(code) || code === 'MONDAY_SERVER_ERROR',
    params: { message, mondayCode, retry_in_seconds: retry ?? '', columnType, status: httpStatus },
    details: { mondayCode, httpStatus, errorData, ...(retry !== undefined ? { retry_in_seconds: retry } : {}), ...(e.path ? { path: e.path } : {}) },
  });
}

/** fetch failed, DNS, refused, timed out: monday was never reached (or never answered). */
export function unreachable(endpoint: string, err: unknown): CrmError {
  const cause = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const reason = cause?.name === 'TimeoutError' || cause?.name === 'AbortError' ? 'timed out' : (cause?.cause?.code ?? cause?.cause?.message ?? cause?.message ?? String(err));
  return new CrmError('MONDAY_UNREACHABLE', `monday.com at ${endpoint} could not be reached (${reason})`, {
    retryable: true,
    params: { endpoint, reason },
    cause: err,
  });
}
