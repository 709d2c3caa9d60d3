/**
 * Maps whatever `pg`, the network or PGlite throws to a CrmError with a stable PG_* code, the
 * catalog parameters its text needs (target host:port/db, user, reason) and whether a retry may help.
 * Texts live in src/nodes/shared/locales/en-US/postgres.json; the password never appears.
 */
import { CrmError, isCrmError } from '../../core/errors';
import type { Target } from './settings';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOENT', 'ECONNRESET', 'EPIPE']);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO/;

interface PgLikeError extends Error {
  code?: string;
  errors?: unknown[];
  detail?: string;
}

function codeOf(err: PgLikeError): string {
  if (typeof err.code === 'string') return err.code;
  // Node's happy-eyeballs connect throws an AggregateError whose parts carry the code.
  const first = err.errors?.find((e) => typeof (e as PgLikeError)?.code === 'string') as PgLikeError | undefined;
  return first?.code ?? '';
}

function make(code: string, fallback: string, params: Record<string, unknown>, retryable: boolean, cause: unknown, details: Record<string, unknown> = {}): CrmError {
  return new CrmError(code, fallback, { params, retryable, cause, details });
}

export function mapPgError(err: unknown, target: Target): CrmError {
  if (isCrmError(err)) return err;
  const e = (err instanceof Error ? err : new Error(String(err))) as PgLikeError;
  const code = codeOf(e);
  const reason = e.message || code || 'unknown error';
  const t = target.text;
  const base = { target: t, reason, user: target.user, database: target.database };
  if (NETWORK_CODES.has(code) || /timeout expired|connection timeout|Connection terminated due to/i.test(reason)) {
    return make('PG_UNREACHABLE', `Cannot reach PostgreSQL at ${t} (${reason}).`, base, true, err, { errno: code });
  }
  const sqlstate = /^[0-9A-Z]{5}$/.test(code) ? code : '';
  if (sqlstate === '28P01' || sqlstate === '28000' || (!sqlstate && /SASL|password must be a string|authentication/i.test(reason))) {
    return make('PG_AUTH_FAILED', `PostgreSQL at ${t} rejected user "${target.user}": ${reason}.`, base, false, err, { sqlstate });
  }
  if (sqlstate === '3D000') {
    return make('PG_DATABASE_MISSING', `Database "${target.database}" does not exist on ${t}.`, base, false, err, { sqlstate });
  }
  if (sqlstate === '42501') {
    return make('PG_PERMISSION_DENIED', `Permission denied on ${t}: ${reason}.`, base, false, err, { sqlstate });
  }
  if (['53300', '57P01', '57P02', '57P03'].includes(sqlstate) || sqlstate.startsWith('08')) {
    return make('PG_CONNECTION_LOST', `The connection to PostgreSQL at ${t} was lost: ${reason}.`, base, true, err, { sqlstate });
  }
  if (!sqlstate && (TLS_CODES.test(code) || /does not support SSL|SSL|TLS|certificate/i.test(reason))) {
    return make('PG_TLS_FAILED', `TLS connection to ${t} failed: ${reason}.`, base, false, err, { errno: code });
  }
  if (!sqlstate && /Connection terminated|connection error|Too many connections|not queryable/i.test(reason)) {
    return make('PG_CONNECTION_LOST', `The connection to PostgreSQL at ${t} was lost: ${reason}.`, base, true, err);
  }
  // Serialization failures and deadlocks succeed when simply run again.
  const retryable = ['40001', '40P01', '55P03'].includes(sqlstate);
  return make('PG_QUERY_FAILED', `PostgreSQL query failed (${code || 'no SQLSTATE'}): ${reason}.`, { ...base, sqlstate: code || '-' }, retryable, err, {
    sqlstate: code,
    detail: e.detail,
  });
}

/** True for SQLSTATE classes where one bad row fails the whole statement (data, constraint, limits). */
export function isRowDataError(err: CrmError): boolean {
  const state = String(err.details.sqlstate ?? '');
  return /^(22|23|54)/.test(state);
}
