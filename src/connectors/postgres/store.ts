/**
 * Opens the store for a config node: a `pg` Pool to a PostgreSQL server, or to the embedded PGlite
 * shared per data folder. Callers get a Queryable whose errors are already CrmErrors (PG_* codes,
 * retryable flag), plus transactions on one connection and a close that releases everything.
 */
import pg from 'pg';
import { CrmError } from '../../core/errors';
import type { Queryable, QueryResultLike } from '../../core/store';
import { acquireEmbedded } from './embedded';
import { mapPgError } from './errors';
import { runMigrations } from './migrations';
import type { Migration } from './migrations';
import { describeTarget, serverPoolConfig } from './settings';
import type { PgSettings, Target } from './settings';

export interface PgStore extends Queryable {
  readonly kind: PgSettings['kind'];
  readonly target: Target;
  /** The underlying pool, for what Queryable does not cover (LISTEN, COPY). Do not end() it. */
  readonly pool: pg.Pool;
  /**
   * Runs fn inside BEGIN/COMMIT on one connection (ROLLBACK when it throws). Use only the given
   * Queryable inside: the embedded pool has a single connection, so calling the store would wait forever.
   */
  transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** `SELECT version()` of the connected server. */
  serverVersion(): Promise<string>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  migrations?: Migration[];
  /** Connection errors of idle pooled clients (the server restarted, the network dropped). */
  onIdleError?: (err: CrmError) => void;
  /** A new pooled connection was opened after the first one (e.g. after such an error). */
  onConnect?: () => void;
}

function wrap(q: pg.Pool | pg.PoolClient, target: Target, isClosed: () => boolean): Queryable {
  return {
    query: async <R>(text: string, params?: unknown[]): Promise<QueryResultLike<R>> => {
      if (isClosed()) throw new CrmError('PG_CLOSED', 'The PostgreSQL connection is closed.', { params: { target: target.text } });
      try {
        const res = await q.query(text, params);
        return { rows: res.rows as R[], rowCount: res.rowCount };
      } catch (err) {
        throw mapPgError(err, target);
      }
    },
  };
}

async function openPool(settings: PgSettings): Promise<{ pool: pg.Pool; release(): Promise<void> }> {
  if (settings.kind === 'embedded') {
    const lease = await acquireEmbedded(settings.dataDir);
    return { pool: lease.pool, release: lease.release };
  }
  const pool = new pg.Pool(serverPoolConfig(settings));
  // An idle client's 'error' without a listener would crash Node-RED; callers add their own too.
  pool.on('error', () => undefined);
  return { pool, release: () => pool.end() };
}

export async function openStore(settings: PgSettings, options: OpenOptions = {}): Promise<PgStore> {
  const target = describeTarget(settings);
  const { pool, release } = await openPool(settings);
  let closed = false;
  const onError = (err: Error): void => options.onIdleError?.(mapPgError(err, target));
  const onConnect = (): void => options.onConnect?.();
  pool.on('error', onError);
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    pool.off('error', onError);
    pool.off('connect', onConnect);
    await release();
  };
  const base = wrap(pool, target, () => closed);
  try {
    await base.query('SELECT 1');
    if (options.migrate !== false) await runMigrations(pool, target, options.migrations);
  } catch (err) {
    await close().catch(() => undefined);
    throw mapPgError(err, target);
  }
  pool.on('connect', onConnect);
  return {
    kind: settings.kind,
    target,
    pool,
    query: base.query,
    close,
    serverVersion: async () => (await base.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '',
    transaction: async <T>(fn: (q: Queryable) => Promise<T>): Promise<T> => {
      if (closed) throw new CrmError('PG_CLOSED', 'The PostgreSQL connection is closed.', { params: { target: target.text } });
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        throw mapPgError(err, target);
      }
      const q = wrap(client, target, () => false);
      let failure: Error | undefined;
      try {
        await q.query('BEGIN');
        const out = await fn(q);
        await q.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => {
          failure = e;
        });
        throw err;
      } finally {
        client.release(failure);
      }
    },
  };
}
