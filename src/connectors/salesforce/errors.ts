/**
 * Salesforce and jsforce failures → CrmError with a stable SF_* code (texts in
 * src/nodes/shared/locales/en-US/salesforce.json). `retryable` marks what a retry may fix.
 */
import { CrmError } from '../../core/errors';

const AUTH = /^(INVALID_LOGIN|LOGIN_MUST_USE_SECURITY_TOKEN|INVALID_CLIENT|invalid_grant|invalid_client|invalid_client_id|invalid_request|unsupported_grant_type|inactive_user|inactive_org|PASSWORD_LOCKOUT|INVALID_OPERATION_WITH_EXPIRED_PASSWORD)/i;
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);
const SERVER = /^(UNKNOWN_EXCEPTION|SERVER_UNAVAILABLE|ERROR_HTTP_5\d\d|REQUEST_RUNNING_TOO_LONG|QUERY_TIMEOUT)$/;

/** Error codes Salesforce uses per record that a retry can fix. */
export const RETRYABLE_RECORD_CODES = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'UNKNOWN_EXCEPTION']);

const BY_CODE: Record<string, string> = {
  INVALID_SESSION_ID: 'SF_SESSION_EXPIRED',
  REQUEST_LIMIT_EXCEEDED: 'SF_REQUEST_LIMIT',
  INVALID_FIELD: 'SF_INVALID_FIELD',
  INVALID_FIELD_FOR_INSERT_UPDATE: 'SF_INVALID_FIELD',
  MALFORMED_QUERY: 'SF_MALFORMED_QUERY',
  INVALID_QUERY_LOCATOR: 'SF_MALFORMED_QUERY',
  NOT_FOUND: 'SF_NOT_FOUND',
  ENTITY_IS_DELETED: 'SF_NOT_FOUND',
  INVALID_TYPE: 'SF_INVALID_TYPE',
  NOT_FOUND_SOBJECT: 'SF_INVALID_TYPE',
  UNABLE_TO_LOCK_ROW: 'SF_ROW_LOCKED',
  JSON_PARSER_ERROR: 'SF_BAD_REQUEST',
  INVALID_ID_FIELD: 'SF_BAD_REQUEST',
  MALFORMED_ID: 'SF_BAD_REQUEST',
  INVALID_CROSS_REFERENCE_KEY: 'SF_BAD_REQUEST',
  // Bulk API 2.0 refusing a job (unsupported object, COUNT(), OFFSET, subqueries...).
  INVALIDJOB: 'SF_BULK_REJECTED',
};

function rawCode(err: unknown): string {
  const e = err as { errorCode?: unknown; name?: unknown; code?: unknown };
  for (const c of [e.errorCode, e.code, e.name]) if (typeof c === 'string' && c !== 'Error') return c;
  return '';
}

/** Maps anything jsforce (or the network) threw; CrmErrors pass through. */
export function mapError(err: unknown): CrmError {
  if (err instanceof CrmError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const code = rawCode(err);
  const details = { errorCode: code || undefined };
  const make = (c: string, retryable = false) => new CrmError(c, message, { retryable, params: { message, errorCode: code }, details, cause: err });
  if (/^Unable to refresh session due to:/.test(message)) {
    return AUTH.test(message.replace(/^Unable to refresh session due to:\s*/, '')) || /invalid_grant|expired|revoked/i.test(message) ? make('SF_AUTH_FAILED') : make('SF_SESSION_EXPIRED');
  }
  if (AUTH.test(code) || AUTH.test(message.replace(/^sf:/, ''))) return make('SF_AUTH_FAILED');
  if (BY_CODE[code]) return make(BY_CODE[code], code === 'UNABLE_TO_LOCK_ROW');
  if (SERVER.test(code)) return make('SF_SERVER_ERROR', true);
  if (NETWORK.has(code) || /socket hang up|ECONNRESET|ECONNREFUSED|network|timed? ?out/i.test(message)) return make('SF_UNREACHABLE', true);
  return make('SF_API_ERROR');
}

export function badInput(code: string, message: string, params: Record<string, unknown> = {}): CrmError {
  return new CrmError(code, message, { params: { ...params, message } });
}
