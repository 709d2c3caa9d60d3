/**
 * One message through the resolver: key → snapshot (msg.snapshot, else the store) → resolve →
 * save → route. Bad input and expression failures are per-record errors (output 2); store failures
 * are node errors (done(err), so Catch nodes get the message and nothing is lost).
 */
import type { NodeMessage } from 'node-red';
import { resolve } from '../../core/conflict';
import type { KeyedQueue, Resolution, SnapshotStore } from '../../core/conflict';
import { LIMITS } from '../../core/conflict/limits';
import { CrmError, toCrmError } from '../../core/errors';
import type { Msg } from '../shared/runtime';
import type { Settings } from './settings';
import type { Counters } from './types';

/** Failures that belong to the record, not to the node. */
const PER_RECORD = new Set(['CONFLICT_INPUT_INVALID', 'CONFLICT_JSONATA_FAILED', 'CONFLICT_KEY_INVALID']);

export interface Routed {
  /** Index of the output: 0 resolved, 1 per-record error, 2 echo (null when echoes are dropped). */
  output: 0 | 1 | 2 | null;
  msg: Msg;
}

export interface HandlerContext {
  settings: Settings;
  store(): Promise<SnapshotStore>;
  queue: KeyedQueue;
  counters: Counters;
  readProperty(msg: Msg, path: string): unknown;
  /** Localised text for a CrmError (the node's catalog). */
  localize(err: CrmError): string;
}

function entityKey(raw: unknown, property: string): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if ((typeof raw === 'string' || (typeof raw === 'number' && Number.isFinite(raw))) && String(raw).length <= LIMITS.keyLength) return String(raw);
  throw new CrmError('CONFLICT_KEY_INVALID', `msg.${property} must be a string or number of at most ${LIMITS.keyLength} characters to key the snapshot.`, {
    params: { property, max: LIMITS.keyLength },
  });
}

function crmOf(msg: Msg): Record<string, unknown> {
  return msg.crm && typeof msg.crm === 'object' && !Array.isArray(msg.crm) ? (msg.crm as Record<string, unknown>) : {};
}

async function resolveOne(ctx: HandlerContext, msg: Msg, key: string | null): Promise<Routed> {
  const given = msg.snapshot !== undefined && msg.snapshot !== null;
  const stored = !given && key ? await (await ctx.store()).load(key) : undefined;
  const source = given ? 'msg' : stored ? 'store' : 'none';
  const result = await resolve({ payload: msg.payload, snapshot: given ? msg.snapshot : stored, entity: key }, ctx.settings.options, ctx.settings.expr);
  if (result.kind === 'echo') {
    ctx.counters.echoes += 1;
    msg.crm = { ...crmOf(msg), key, echo: result.echoes, snapshotSource: source };
    return { output: ctx.settings.echoOutput ? 2 : null, msg };
  }
  if (key) await (await ctx.store()).save(key, result.snapshot);
  return { output: 0, msg: resolvedMsg(ctx, msg, key, result, source) };
}

function resolvedMsg(ctx: HandlerContext, msg: Msg, key: string | null, result: Resolution, source: string): Msg {
  ctx.counters.resolved += 1;
  ctx.counters.conflicts += result.conflicts.length;
  msg.payload = result.record;
  msg.patches = result.patches;
  msg.conflicts = result.conflicts;
  msg.snapshot = result.snapshot;
  msg.crm = { ...crmOf(msg), key, mode: result.mode, echo: result.echoes, changes: result.changes, snapshotSource: source };
  return msg;
}

export async function handleMessage(ctx: HandlerContext, msg: Msg): Promise<Routed> {
  try {
    const key = entityKey(ctx.readProperty(msg, ctx.settings.keyProperty), ctx.settings.keyProperty);
    return await (key ? ctx.queue.run(key, () => resolveOne(ctx, msg, key)) : resolveOne(ctx, msg, null));
  } catch (err) {
    const e = toCrmError(err);
    if (!PER_RECORD.has(e.code)) throw e;
    ctx.counters.errors += 1;
    msg.error = { code: e.code, message: ctx.localize(e), details: e.details };
    return { output: 1, msg };
  }
}

/** The send() array for a routed message on a node with `outputs` outputs. */
export function toOutputs(routed: Routed, outputs: number): Array<NodeMessage | null> {
  const out: Array<NodeMessage | null> = new Array(outputs).fill(null);
  if (routed.output !== null && routed.output < outputs) out[routed.output] = routed.msg as NodeMessage;
  return out;
}
