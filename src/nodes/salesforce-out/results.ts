/** Splits per-record write results into the success and failure messages; every input record lands in one. */
import type { WriteResult } from '../../connectors/salesforce';
import type { Msg } from '../shared/runtime';

export interface WriteContext {
  object: string;
  operation: string;
}

function withId(rec: unknown, r: WriteResult): unknown {
  if (rec && typeof rec === 'object' && !Array.isArray(rec)) return r.id ? { ...(rec as object), Id: r.id } : rec;
  return r.id ? { Id: r.id } : rec;
}

/** [success msg | null, failure msg | null]; a single-record input keeps a single record in payload. */
export function splitResults(msg: Msg, records: unknown[], results: WriteResult[], single: boolean, ctx: WriteContext): [Msg | null, Msg | null] {
  const ok = results.filter((r) => r.success);
  const bad = results.filter((r) => !r.success);
  const crm = { ...ctx, total: records.length, succeeded: ok.length, failed: bad.length };
  const errorOf = (r: WriteResult) => ({
    index: r.index,
    statusCode: r.errors[0]?.statusCode ?? 'UNKNOWN',
    message: r.errors.map((e) => e.message).join('; '),
    fields: [...new Set(r.errors.flatMap((e) => e.fields))],
    errors: r.errors,
  });
  const okMsg = ok.length
    ? ({
        ...msg,
        payload: single ? withId(records[0], ok[0]) : ok.map((r) => withId(records[r.index], r)),
        crm: { ...crm, results: ok.map((r) => ({ index: r.index, id: r.id, created: r.created })) },
      } as Msg)
    : null;
  const badMsg = bad.length
    ? ({
        ...msg,
        payload: single ? records[0] : bad.map((r) => records[r.index]),
        error: single ? { ...errorOf(bad[0]), source: 'salesforce' } : undefined,
        errors: bad.map(errorOf),
        crm,
      } as Msg)
    : null;
  if (badMsg && !single) delete (badMsg as Record<string, unknown>).error;
  return [okMsg, badMsg];
}
