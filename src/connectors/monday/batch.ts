/**
 * Many writes in few requests: ops are sent as aliases (`m0`, `m1`, ...) of one mutation document,
 * as many per request as the batch size and the complexity room allow. Each op gets its own
 * result or error; a request that fails as a whole fails the ops it carried and, because nothing
 * may be lost, the ops never sent (they are reported, not dropped).
 */
import type { CrmError } from '../../core/errors';
import { toCrmError } from '../../core/errors';
import type { MondayClient } from './client';
import { fromMondayError } from './client-errors';
import { batchMutation, type MutationKind } from './queries';

export interface WriteOp {
  kind: MutationKind;
  vars: Record<string, unknown>;
}

/** `sent`: monday ran, or may have run, the write (false: it certainly did not). */
export type WriteResult = { ok: true; data: Record<string, unknown> } | { ok: false; error: CrmError; sent: boolean };

export interface BatchProgress {
  done: number;
  total: number;
  failed: number;
}

/** A guess for the first request, before monday has told us what a write costs (≈10,000 points). */
const FIRST_WRITE_ESTIMATE = 10_100;
const WRITE_COST_KEY = '<aliased write>';

export async function runWrites(client: MondayClient, ops: readonly WriteOp[], onProgress?: (p: BatchProgress) => void): Promise<{ results: WriteResult[]; fatal?: CrmError }> {
  const results: WriteResult[] = [];
  let failed = 0;
  let fatal: CrmError | undefined;
  let next = 0;
  while (next < ops.length) {
    const perOp = client.estimate(WRITE_COST_KEY, FIRST_WRITE_ESTIMATE);
    // Wait for room for one write, then fill the room there is.
    try {
      await client.pacer.waitFor(perOp);
    } catch (err) {
      fatal = toCrmError(err);
      for (; next < ops.length; next += 1) results.push({ ok: false, sent: false, error: fatal });
      break;
    }
    const room = Math.floor(client.pacer.available() / perOp);
    const n = Math.max(1, Math.min(client.maxBatch, room, Math.floor(client.pacer.budget / perOp) || 1, ops.length - next));
    const chunk = ops.slice(next, next + n);
    next += n;
    try {
      const { query, variables } = batchMutation(chunk);
      const res = await client.request<Record<string, Record<string, unknown> | null>>(query, variables, { estimate: perOp * n, mutation: true });
      if (res.complexity?.query) client.learnCost(WRITE_COST_KEY, Math.ceil(res.complexity.query / n));
      chunk.forEach((_, i) => {
        const value = res.data?.[`m${i}`];
        const err = res.errors.find((e) => e.path?.[0] === `m${i}`);
        if (value && !err) results.push({ ok: true, data: value });
        else {
          failed += 1;
          results.push({ ok: false, sent: true, error: fromMondayError(err ?? { message: 'monday returned no result for this write' }, 200) });
        }
      });
    } catch (err) {
      fatal = toCrmError(err);
      // Only a lost connection or a server error leaves it open whether monday ran the writes.
      const maybeRan = fatal.code === 'MONDAY_UNREACHABLE' || fatal.code === 'MONDAY_SERVER_ERROR';
      for (let i = 0; i < chunk.length; i += 1) results.push({ ok: false, sent: maybeRan, error: fatal });
      for (; next < ops.length; next += 1) results.push({ ok: false, sent: false, error: fatal });
      failed = ops.length - results.filter((r) => r.ok).length;
    }
    onProgress?.({ done: results.length, total: ops.length, failed });
  }
  return { results, fatal };
}
