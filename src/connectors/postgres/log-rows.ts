/**
 * Rows of crm_sync.sync_log and crm_sync.error_log built from a Node-RED message, and the one
 * multi-row parameterised INSERT that writes a batch. Pure: no database, no Node-RED.
 *
 * Contract (documented in the pg logger help):
 *   msg.crm = { direction, system, object, recordId, externalId, event, status, message, durationMs,
 *               nodeId, flowId }  each optional, falling back to the node's defaults;
 *   msg.payload is stored (redacted) in sync_log.payload;
 *   msg.error (as set by a Catch node: message, code, stack, source {id, type, name}) makes an error_log row.
 */
import { CrmError } from '../../core/errors';
import { redact } from '../../core/redact';
import { STORE_SCHEMA } from '../../core/store';

export const LOG_STATUSES = ['success', 'failed', 'skipped'] as const;
export type LogStatus = (typeof LOG_STATUSES)[number];

export interface SyncDefaults {
  direction?: string;
  system?: string;
  object?: string;
  event?: string;
  status?: string;
}

export interface RowContext {
  flowId: string | null;
  nodeId: string | null;
  now: Date;
  /** JSON larger than this is replaced by a preview (default 256 KiB). */
  maxJsonBytes?: number;
  /** Store msg.payload in sync_log.payload (default true). */
  includePayload?: boolean;
}

export interface SyncLogRow {
  time: Date;
  flow_id: string | null;
  node_id: string | null;
  direction: string | null;
  system: string | null;
  object: string | null;
  record_id: string | null;
  external_id: string | null;
  event: string | null;
  status: LogStatus;
  message: string | null;
  payload: string | null;
  duration_ms: number | null;
}

export interface ErrorLogRow {
  time: Date;
  node_id: string | null;
  node_type: string | null;
  node_name: string | null;
  flow_id: string | null;
  error_code: string | null;
  message: string;
  stack: string | null;
  msg: string | null;
}

export type LogTable = 'sync_log' | 'error_log';
export type LogRow = { table: 'sync_log'; row: SyncLogRow } | { table: 'error_log'; row: ErrorLogRow };

const DEFAULT_MAX_JSON = 256 * 1024;
const MAX_ID = 1000;
const MAX_TEXT = 10_000;
const MAX_STACK = 20_000;
const INT_MAX = 2_147_483_647;
// NUL is rejected by PostgreSQL text and jsonb; lone surrogates by jsonb.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const BAD_CHARS = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function invalid(message: string): CrmError {
  return new CrmError('INVALID_INPUT', message, { params: { message } });
}

function clean(text: string, max: number): string {
  const s = text.replace(BAD_CHARS, (c) => (c === '\u0000' ? '' : '\ufffd'));
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function deepClean(v: unknown): unknown {
  if (typeof v === 'string') return clean(v, Number.MAX_SAFE_INTEGER);
  if (Array.isArray(v)) return v.map(deepClean);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, c]) => [clean(k, MAX_ID), deepClean(c)]));
  return v;
}

/** Redacted, cleaned JSON text for a jsonb column; oversized values become a preview object. */
export function toJson(value: unknown, maxBytes = DEFAULT_MAX_JSON): string | null {
  if (value === undefined) return null;
  const text = JSON.stringify(deepClean(redact(value))) ?? null;
  if (text === null) return null;
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxBytes) return text;
  return JSON.stringify({ _truncated: true, bytes, preview: clean(text.slice(0, 2000), 2000) });
}

/** A string column from a string/number/boolean; objects are a caller mistake worth reporting. */
function textField(value: unknown, name: string, max = MAX_ID): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return clean(value, max);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  throw invalid(`msg.crm.${name} must be a string or a number, not ${Array.isArray(value) ? 'an array' : typeof value}`);
}

function messageText(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return clean(value, MAX_TEXT);
  if (value instanceof Error) return clean(value.message, MAX_TEXT);
  return clean(JSON.stringify(redact(value)) ?? String(value), MAX_TEXT);
}

function duration(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw invalid(`msg.crm.durationMs must be a number of milliseconds ≥ 0, got ${JSON.stringify(value)}`);
  return Math.min(Math.round(n), INT_MAX);
}

export function parseStatus(value: unknown, fallback = 'success'): LogStatus {
  const raw = value === undefined || value === null || value === '' ? fallback : value;
  const s = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
  if ((LOG_STATUSES as readonly unknown[]).includes(s)) return s as LogStatus;
  throw invalid(`msg.crm.status must be one of ${LOG_STATUSES.join(', ')}, got ${JSON.stringify(raw)}`);
}

function crmOf(msg: Record<string, unknown>): Record<string, unknown> {
  const crm = msg.crm;
  if (crm === undefined || crm === null) return {};
  if (typeof crm !== 'object' || Array.isArray(crm)) throw invalid('msg.crm must be an object like {system, object, recordId, status}');
  return crm as Record<string, unknown>;
}

export function syncRowFromMsg(msg: Record<string, unknown>, defaults: SyncDefaults, ctx: RowContext): SyncLogRow {
  const crm = crmOf(msg);
  const pick = (key: keyof SyncDefaults): string | null => textField(crm[key] ?? defaults[key], key);
  return {
    time: ctx.now,
    flow_id: textField(crm.flowId, 'flowId') ?? ctx.flowId,
    node_id: textField(crm.nodeId, 'nodeId') ?? ctx.nodeId,
    direction: pick('direction'),
    system: pick('system'),
    object: pick('object'),
    record_id: textField(crm.recordId, 'recordId'),
    external_id: textField(crm.externalId, 'externalId'),
    event: pick('event'),
    status: parseStatus(crm.status, defaults.status || 'success'),
    message: messageText(crm.message),
    payload: ctx.includePayload === false ? null : toJson(msg.payload, ctx.maxJsonBytes),
    duration_ms: duration(crm.durationMs),
  };
}

/** The msg as stored in error_log.msg: without the error (it has columns) and Node-RED's HTTP objects. */
function msgSnapshot(msg: Record<string, unknown>, maxBytes?: number): string | null {
  const rest = Object.fromEntries(Object.entries(msg).filter(([k]) => !['error', 'req', 'res', '_error'].includes(k)));
  return toJson(rest, maxBytes);
}

export function errorRowFromMsg(msg: Record<string, unknown>, ctx: RowContext): ErrorLogRow {
  const err = msg.error;
  const e = err && typeof err === 'object' ? (err as Record<string, unknown>) : {};
  const source = e.source && typeof e.source === 'object' ? (e.source as Record<string, unknown>) : {};
  const str = (v: unknown, max = MAX_ID): string | null => (typeof v === 'string' && v !== '' ? clean(v, max) : typeof v === 'number' ? String(v) : null);
  const message =
    (typeof err === 'string' ? clean(err, MAX_TEXT) : str(e.message, MAX_TEXT)) ??
    (err === undefined ? messageText(typeof msg.payload === 'object' && msg.payload ? ((msg.payload as Record<string, unknown>).message ?? msg.payload) : msg.payload) : null) ??
    'Unknown error (the message carried no error text)';
  return {
    time: ctx.now,
    node_id: str(source.id) ?? (err === undefined ? null : ctx.nodeId),
    node_type: str(source.type),
    node_name: str(source.name),
    flow_id: str(source.z) ?? ctx.flowId,
    error_code: str(e.code),
    message,
    stack: str(e.stack, MAX_STACK),
    msg: msgSnapshot(msg, ctx.maxJsonBytes),
  };
}

const COLUMNS: Record<LogTable, readonly string[]> = {
  sync_log: ['time', 'flow_id', 'node_id', 'direction', 'system', 'object', 'record_id', 'external_id', 'event', 'status', 'message', 'payload', 'duration_ms'],
  error_log: ['time', 'node_id', 'node_type', 'node_name', 'flow_id', 'error_code', 'message', 'stack', 'msg'],
};
const JSON_COLUMNS = new Set(['payload', 'msg']);

/** PostgreSQL takes at most 65535 parameters per statement; batches stay well below. */
export const MAX_BATCH_ROWS = 1000;

/** One INSERT for many rows of one table; every value is a parameter. */
export function buildInsert(table: LogTable, rows: ReadonlyArray<SyncLogRow | ErrorLogRow>): { text: string; values: unknown[] } {
  if (rows.length === 0 || rows.length > MAX_BATCH_ROWS) throw new RangeError(`batch of ${rows.length} rows`);
  const cols = COLUMNS[table];
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const record = row as unknown as Record<string, unknown>;
    const slots = cols.map((c) => {
      values.push(record[c] ?? null);
      return JSON_COLUMNS.has(c) ? `$${values.length}::jsonb` : `$${values.length}`;
    });
    return `(${slots.join(', ')})`;
  });
  return { text: `INSERT INTO ${STORE_SCHEMA}.${table} (${cols.join(', ')}) VALUES ${tuples.join(', ')}`, values };
}
