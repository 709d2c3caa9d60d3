/**
 * Schema migrations: the .sql files of ./migrations, applied once each in file-name order inside
 * schema crm_sync and recorded in crm_sync.schema_migrations (id, applied_at, checksum).
 *
 * Adding a feature's tables means adding a file in its number range (see src/core/store.ts); nothing
 * else. Each file runs in its own transaction with search_path = crm_sync, so it must not contain
 * BEGIN/COMMIT or statements that refuse transactions (CREATE INDEX CONCURRENTLY). A session advisory
 * lock serialises runners, so processes starting together never apply a file twice.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { CrmError } from '../../core/errors';
import { STORE_SCHEMA } from '../../core/store';
import type { Queryable } from '../../core/store';
import { mapPgError } from './errors';
import type { Target } from './settings';

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
export const MIGRATIONS_TABLE = `${STORE_SCHEMA}.schema_migrations`;
/** pg_advisory_lock(int, int) key: 'crms' and 1, so it cannot collide with users' single-key locks. */
const LOCK_KEY = [0x63726d73, 1] as const;
const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface Migration {
  id: string;
  sql: string;
  checksum: string;
}

export interface MigrationState {
  applied: string[];
  pending: string[];
  /** Recorded in the database but unknown to this version (a newer release ran before). */
  unknown: string[];
}

function migrationError(id: string, target: Target, reason: string, cause?: unknown): CrmError {
  return new CrmError('PG_MIGRATION_FAILED', `Database migration ${id} failed on ${target.text}: ${reason}`, {
    params: { id, target: target.text, reason },
    cause,
  });
}

export function checksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/** Reads the migration files in order; a misnamed .sql file is an error rather than silently skipped. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort() : [];
  const seen = new Map<string, string>();
  return files.map((file) => {
    const m = FILE_NAME.exec(file);
    if (!m) throw new CrmError('PG_MIGRATION_FAILED', `Migration file ${file} must be named NNNN_lower_snake.sql`, { params: { id: file, target: dir, reason: 'bad file name' } });
    if (seen.has(m[1])) throw new CrmError('PG_MIGRATION_FAILED', `Migrations ${seen.get(m[1])} and ${file} share number ${m[1]}`, { params: { id: file, target: dir, reason: `number ${m[1]} used twice` } });
    seen.set(m[1], file);
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    return { id: file.replace(/\.sql$/, ''), sql, checksum: checksum(sql) };
  });
}

async function recorded(q: Queryable): Promise<Map<string, string> | null> {
  const exists = await q.query<{ t: string | null }>(`SELECT to_regclass('${MIGRATIONS_TABLE}')::text AS t`);
  if (!exists.rows[0]?.t) return null;
  const rows = await q.query<{ id: string; checksum: string }>(`SELECT id, checksum FROM ${MIGRATIONS_TABLE} ORDER BY id`);
  return new Map(rows.rows.map((r) => [r.id, r.checksum]));
}

/** What is applied and pending, without changing anything (for "Test connection"). */
export async function migrationState(q: Queryable, migrations: Migration[] = loadMigrations()): Promise<MigrationState> {
  const done = (await recorded(q)) ?? new Map<string, string>();
  const known = new Set(migrations.map((m) => m.id));
  return {
    applied: migrations.filter((m) => done.has(m.id)).map((m) => m.id),
    pending: migrations.filter((m) => !done.has(m.id)).map((m) => m.id),
    unknown: [...done.keys()].filter((id) => !known.has(id)),
  };
}

async function applyOne(client: PoolClient, m: Migration, target: Target): Promise<void> {
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL search_path TO ${STORE_SCHEMA}, public`);
    await client.query(m.sql);
    await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (id, checksum) VALUES ($1, $2)`, [m.id, m.checksum]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    const mapped = mapPgError(err, target);
    if (mapped.retryable) throw mapped;
    throw migrationError(m.id, target, err instanceof Error ? err.message : String(err), err);
  }
}

async function migrateLocked(client: PoolClient, migrations: Migration[], target: Target): Promise<string[]> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${STORE_SCHEMA}`);
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), checksum text NOT NULL)`,
  );
  const done = (await recorded(client)) ?? new Map<string, string>();
  const applied: string[] = [];
  for (const m of migrations) {
    const sum = done.get(m.id);
    if (sum === undefined) {
      await applyOne(client, m, target);
      applied.push(m.id);
    } else if (sum !== m.checksum) {
      throw new CrmError('PG_MIGRATION_CHANGED', `Migration ${m.id} was changed after it was applied on ${target.text}`, { params: { id: m.id, target: target.text } });
    }
  }
  return applied;
}

/** Applies pending migrations; returns the ids applied now (empty when up to date). */
export async function runMigrations(pool: Pool, target: Target, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw mapPgError(err, target);
  }
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [...LOCK_KEY]);
    try {
      return await migrateLocked(client, migrations, target);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [...LOCK_KEY]).catch((err: Error) => {
        broken = err;
      });
    }
  } catch (err) {
    if (err instanceof CrmError) throw err;
    const mapped = mapPgError(err, target);
    if (!mapped.retryable) broken = mapped;
    throw mapped.retryable ? mapped : migrationError('(setup)', target, mapped.message, err);
  } finally {
    // A connection whose unlock failed may still hold the lock: destroy it instead of reusing it.
    client.release(broken);
  }
}
