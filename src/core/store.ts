/**
 * The persistence contract shared by every area that keeps state in PostgreSQL (sync logs, id map,
 * cursors, snapshots, dedupe index). A `pg` Pool satisfies it, for a real server and for the
 * embedded PGlite alike, so core logic can be tested against either, or against a fake.
 */
export interface QueryResultLike<R> {
  rows: R[];
  rowCount: number | null;
}

export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResultLike<R>>;
}

/**
 * Schema migrations are SQL files in src/connectors/postgres/migrations/, applied once each, in file
 * name order, inside schema `crm_sync`. Number ranges by area so parallel work never collides:
 * 0001-0099 foundation (logs), 0100-0199 dedupe, 0200-0299 conflict snapshots, 0300-0399 salesforce
 * (cursors), 0400-0499 monday, 0500-0599 example flows (shared id map, checkpoints).
 */
export const STORE_SCHEMA = 'crm_sync';

/** What a store may offer beyond Queryable for several statements that must apply together. */
interface TransactionCapable {
  /** A pg Pool lends one connection for BEGIN…COMMIT. */
  connect(): Promise<Queryable & { release(): void }>;
  /** PgStore (src/connectors/postgres) and PGlite run the callback inside BEGIN…COMMIT themselves. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

/**
 * Runs work in one transaction on whatever the store offers (rolled back when it throws). A bare
 * Queryable (a fake in tests) runs statement by statement, each atomic on its own.
 */
export async function inTransaction<T>(db: Queryable, work: (q: Queryable) => Promise<T>): Promise<T> {
  const capable = db as Queryable & Partial<TransactionCapable>;
  if (typeof capable.connect === 'function') {
    const client = await capable.connect();
    try {
      await client.query('BEGIN');
      const out = await work(client);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
  if (typeof capable.transaction === 'function') return capable.transaction((tx) => work(tx));
  return work(db);
}
