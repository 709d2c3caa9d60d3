import { SfError } from './http';
import { token } from './ids';
import { executeSoql } from './soql';
import type { Store } from './store';

interface Cursor {
  records: Array<Record<string, unknown>>;
  totalSize: number;
  batchSize: number;
  createdAt: number;
}

const MAX_BATCH = 2000;
const MIN_BATCH = 200;
/** Salesforce keeps query cursors for two days; the twin also caps how many it holds. */
const CURSOR_TTL_MS = 2 * 24 * 3600 * 1000;
const MAX_CURSORS = 200;

/**
 * Query results are snapshotted when the query runs and served in pages; nextRecordsUrl ends in
 * `<locator>-<offset>` with no '/' because jsforce keeps only the last path segment.
 */
export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();

  start(store: Store, soql: string, includeDeleted: boolean, version: string, requestedBatch?: number): Record<string, unknown> {
    const result = executeSoql(store, soql, includeDeleted, version);
    const batchSize = Math.min(MAX_BATCH, Math.max(MIN_BATCH, requestedBatch ?? MAX_BATCH));
    if (result.records.length <= batchSize) return { totalSize: result.totalSize, done: true, records: result.records };
    this.evict();
    const id = `01g8c${token(13)}`;
    this.cursors.set(id, { records: result.records, totalSize: result.totalSize, batchSize, createdAt: Date.now() });
    return this.page(id, 0, version);
  }

  next(locator: string, version: string): Record<string, unknown> {
    const m = /^(01g[0-9A-Za-z]+)-(\d+)$/.exec(locator);
    if (!m || !this.cursors.has(m[1])) throw new SfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    return this.page(m[1], Number(m[2]), version);
  }

  private page(id: string, offset: number, version: string): Record<string, unknown> {
    const cursor = this.cursors.get(id)!;
    const end = offset + cursor.batchSize;
    const records = cursor.records.slice(offset, end);
    const done = end >= cursor.records.length;
    return {
      totalSize: cursor.totalSize,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${id}-${end}` }),
      records,
    };
  }

  private evict(): void {
    const now = Date.now();
    for (const [id, c] of this.cursors) if (now - c.createdAt > CURSOR_TTL_MS) this.cursors.delete(id);
    while (this.cursors.size >= MAX_CURSORS) this.cursors.delete(this.cursors.keys().next().value as string);
  }
}
