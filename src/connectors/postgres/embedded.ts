/**
 * The embedded PostgreSQL: PGlite (Postgres compiled to WASM) keeping its files in a folder, served
 * to an ordinary `pg` Pool through pglite-socket so the same SQL code runs against it and a server.
 *
 * PGlite is single-user: it cannot open a folder twice, and pglite-socket runs one query at a time,
 * interleaving protocol messages of different connections (which breaks the extended protocol
 * between Parse and Sync). So each folder gets ONE PGlite, ONE socket server and ONE pool of a single
 * connection per process, shared by every config node that points at it and reference-counted.
 * The socket is a Unix socket in a private 0700 folder (TCP on 127.0.0.1 on Windows), because PGlite
 * checks no password.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { CrmError } from '../../core/errors';

export interface EmbeddedLease {
  pool: pg.Pool;
  dataDir: string;
  /** Gives the reference back; the last one closes pool, socket and database. Idempotent. */
  release(): Promise<void>;
}

interface Instance {
  pool: pg.Pool;
  close(): Promise<void>;
}

interface Entry {
  refs: number;
  instance: Promise<Instance>;
}

const registry = new Map<string, Entry>();
/** Folders still shutting down; a new open of the same folder waits for them. */
const closing = new Map<string, Promise<void>>();

async function socketEndpoint(): Promise<{ listen: { path?: string; host?: string; port?: number }; client: pg.PoolConfig; cleanup(): void }> {
  if (process.platform === 'win32') {
    return { listen: { host: '127.0.0.1', port: 0 }, client: { host: '127.0.0.1' }, cleanup: () => undefined };
  }
  // pg finds a Unix socket as <host dir>/.s.PGSQL.<port>; a short tmp path keeps under the 104-byte limit.
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'crm-pg-'));
  await fs.promises.chmod(dir, 0o700);
  return {
    listen: { path: path.join(dir, '.s.PGSQL.5432') },
    client: { host: dir, port: 5432 },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function openInstance(dataDir: string): Promise<Instance> {
  await fs.promises.mkdir(dataDir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create({ dataDir });
  const endpoint = await socketEndpoint();
  try {
    const server = new PGLiteSocketServer({ db, ...endpoint.listen, maxConnections: 1 });
    await server.start();
    const port = endpoint.listen.path ? 5432 : Number(server.getServerConn().split(':').pop());
    const pool = new pg.Pool({
      ...endpoint.client,
      port,
      user: 'postgres',
      database: 'postgres',
      max: 1,
      // Keep the single connection: reconnecting races the server's one-connection limit.
      idleTimeoutMillis: 0,
      application_name: 'node-red-crm-sync',
    });
    // Errors of idle clients are reported by callers' queries; an unhandled 'error' would crash Node-RED.
    pool.on('error', () => undefined);
    return {
      pool,
      close: async () => {
        await pool.end().catch(() => undefined);
        await server.stop().catch(() => undefined);
        await db.close().catch(() => undefined);
        endpoint.cleanup();
      },
    };
  } catch (err) {
    endpoint.cleanup();
    await db.close().catch(() => undefined);
    throw err;
  }
}

function embeddedError(dataDir: string, err: unknown): CrmError {
  const reason = err instanceof Error ? err.message : String(err);
  return new CrmError('PG_EMBEDDED_FAILED', `Could not open the embedded PostgreSQL in ${dataDir}: ${reason}`, {
    params: { dataDir, reason },
    cause: err,
  });
}

/** Opens (or joins) the embedded database kept in `dataDir`. */
export async function acquireEmbedded(dataDir: string): Promise<EmbeddedLease> {
  const key = path.resolve(dataDir);
  await closing.get(key);
  let entry = registry.get(key);
  if (!entry) {
    entry = { refs: 0, instance: openInstance(key) };
    registry.set(key, entry);
    const opened = entry;
    opened.instance.catch(() => {
      if (registry.get(key) === opened) registry.delete(key);
    });
  }
  entry.refs += 1;
  let instance: Instance;
  try {
    instance = await entry.instance;
  } catch (err) {
    entry.refs -= 1;
    throw embeddedError(key, err);
  }
  const held = entry;
  let released = false;
  return {
    pool: instance.pool,
    dataDir: key,
    release: async () => {
      if (released) return;
      released = true;
      held.refs -= 1;
      if (held.refs > 0 || registry.get(key) !== held) return;
      registry.delete(key);
      const done = instance.close().finally(() => closing.delete(key));
      closing.set(key, done);
      await done;
    },
  };
}

/** How many leases hold each open folder (for tests and diagnostics). */
export function embeddedRefs(dataDir: string): number {
  return registry.get(path.resolve(dataDir))?.refs ?? 0;
}
