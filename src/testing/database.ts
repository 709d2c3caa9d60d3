/**
 * The database a flow test logs to: the embedded PostgreSQL (PGlite) in the test's temporary user
 * directory (default), a PostgreSQL server as given, or a throwaway database created on a server
 * for this test and dropped at stop. Read access (rows(), query()) goes through the flow's own
 * crm-pg-config node when it has one — the embedded database can be opened only once per process —
 * else through a store the harness opens itself.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { openStore } from '../connectors/postgres';
import type { PgStore } from '../connectors/postgres';
import { STORE_SCHEMA } from '../core/store';
import { DEFAULT_DATA_DIR } from '../nodes/pg-config/types';
import type { Queryable } from '../core/store';
import type { Msg } from './support';

export type DatabaseOption =
  | 'embedded'
  /** `url`: use this database as it is; `throwaway: true`: create a fresh database on that server, drop it at stop. */
  | { url: string; throwaway?: boolean }
  /** Leave the flow's crm-pg-config nodes as they are. */
  | false;

export interface TestDatabase {
  /** Server URL the config nodes get (undefined: embedded). */
  url?: string;
  keep: boolean;
  stop(): Promise<void>;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function onServer<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function prepareDatabase(option: DatabaseOption | undefined): Promise<TestDatabase> {
  if (option === false) return { keep: true, stop: async () => undefined };
  if (option === undefined || option === 'embedded') return { keep: false, stop: async () => undefined };
  if (!option || typeof option.url !== 'string') throw new Error("startFlowTest: `database` must be 'embedded', false or { url, throwaway? }");
  if (!option.throwaway) return { url: option.url, keep: false, stop: async () => undefined };
  const name = `crm_flow_test_${crypto.randomBytes(6).toString('hex')}`;
  await onServer(option.url, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const url = new URL(option.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    keep: false,
    stop: () => onServer(option.url, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Rows of a table in the crm_sync schema, oldest first; table names are checked, never pasted in raw. */
export async function tableRows(db: Queryable, table: string, where: Record<string, unknown> = {}): Promise<Msg[]> {
  const found = await db.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name', [STORE_SCHEMA]);
  const tables = found.rows.map((r) => r.table_name);
  if (!tables.includes(table)) throw new Error(`No table ${STORE_SCHEMA}.${table}; the flow's database has: ${tables.join(', ') || 'no crm_sync tables (has a pg node run yet?)'}`);
  const columns = Object.keys(where);
  const filter = columns.length ? ` WHERE ${columns.map((c, i) => `${quoteIdent(c)} = $${i + 1}`).join(' AND ')}` : '';
  const order = (await db.query('SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = $3', [STORE_SCHEMA, table, 'id'])).rows.length ? ' ORDER BY id' : '';
  const res = await db.query<Msg>(`SELECT * FROM ${quoteIdent(STORE_SCHEMA)}.${quoteIdent(table)}${filter}${order}`, Object.values(where));
  return res.rows;
}

/** A store for reads when the flow has no crm-pg-config node of its own. */
export function ownStore(url: string | undefined, userDir: string): Promise<PgStore> {
  return openStore(url ? { kind: 'server', url } : { kind: 'embedded', dataDir: path.join(userDir, DEFAULT_DATA_DIR) });
}
