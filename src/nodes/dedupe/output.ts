/** Turns a dedupe result into the node's three output messages. */
import type { NodeMessage } from 'node-red';
import type { DedupeResult } from '../../core/dedupe/engine';
import type { RecordError } from '../../core/dedupe/prepare';
import type { Msg, RED } from '../shared/runtime';

export interface OutputError {
  index: number | null;
  id?: string;
  code: string;
  message: string;
  record?: unknown;
}

export function localizeRecordError(RED: RED, e: Pick<RecordError, 'code' | 'params'> & { index: number | null; id?: string; record?: unknown }): OutputError {
  const key = `errors.${e.code}`;
  const text = RED._(key, e.params as Record<string, string>);
  return { index: e.index, ...(e.id ? { id: e.id } : {}), code: e.code, message: text && text !== key ? text : e.code, ...(e.record !== undefined ? { record: e.record } : {}) };
}

/** [unique, duplicates + review, errors]; output 1 always carries the batch on, the others only when non-empty. */
export function toMessages(RED: RED, msg: Msg, result: DedupeResult): Array<NodeMessage | null> {
  const base = { ...msg };
  delete (base as Partial<Msg>)._msgid;
  const stats = result.stats;
  msg.payload = result.unique;
  msg.dedupe = stats;
  if (result.clusters.length > 0) msg.clusters = result.clusters;
  const dup =
    result.duplicates.length > 0 || result.review.length > 0
      ? (RED.util.cloneMessage({ ...base, payload: result.duplicates, review: result.review, dedupe: stats } as NodeMessage) as NodeMessage)
      : null;
  const errors =
    result.errors.length > 0
      ? (RED.util.cloneMessage({ ...base, payload: result.errors.map((e) => localizeRecordError(RED, e)), dedupe: stats } as NodeMessage) as NodeMessage)
      : null;
  return [msg, dup, errors];
}
