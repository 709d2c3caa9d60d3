import { SfError } from './http';
import type { ObjectDef } from './schema';
import type { Store } from './store';
import { formatDateTime, parseDateTime } from './store';

const MINUTE = 60_000;
const RETENTION_MS = 30 * 24 * 3600 * 1000;

/**
 * GET /sobjects/T/updated and /deleted (jsforce's updated()/deleted()): ids changed or deleted in [start, end),
 * with both ends truncated to the minute and at most 30 days back, as the replication API does.
 */
export function replication(store: Store, def: ObjectDef, which: 'updated' | 'deleted', query: URLSearchParams): Record<string, unknown> {
  const parse = (name: string) => {
    const raw = query.get(name);
    const ms = raw ? parseDateTime(raw) : NaN;
    if (Number.isNaN(ms)) throw new SfError(400, 'INVALID_REPLICATION_DATE', `${name} date is missing or not a valid dateTime: ${raw ?? ''}`);
    return Math.floor(ms / MINUTE) * MINUTE;
  };
  const start = parse('start');
  const end = parse('end');
  if (start > end) throw new SfError(400, 'INVALID_REPLICATION_DATE', 'start date must chronologically precede end date');
  const earliest = Math.floor((Date.now() - RETENTION_MS) / MINUTE) * MINUTE;
  if (start < earliest) throw new SfError(400, 'INVALID_REPLICATION_DATE', 'start date cannot be more than 30 days ago');
  const inRange = (stamp: unknown) => {
    const ms = parseDateTime(String(stamp));
    return ms >= start && ms < end;
  };
  const rows = [...store.table(def).values()].filter((r) => inRange(r.SystemModstamp) && (which === 'deleted') === r.IsDeleted);
  if (which === 'updated') return { ids: rows.map((r) => r.Id), latestDateCovered: formatDateTime(end) };
  return {
    deletedRecords: rows.map((r) => ({ id: r.Id, deletedDate: r.SystemModstamp })),
    earliestDateAvailable: formatDateTime(earliest),
    latestDateCovered: formatDateTime(end),
  };
}
