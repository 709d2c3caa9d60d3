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
 * (cursors, id map), 0400-0499 monday, 0500-0599 example flows (checkpoints).
 */
export const STORE_SCHEMA = 'crm_sync';
