/**
 * Throwaway PostgreSQL databases and embedded data folders for the postgres tests. Each test file
 * gets its own database with a random name (created via the `test` database) and drops it after.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const ADMIN_URL = process.env.CRM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TempDatabase {
  name: string;
  host: string;
  port: number;
  user: string;
  url: string;
  drop(): Promise<void>;
}

export async function createTempDatabase(prefix = 'crm_pg_test'): Promise<TempDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(ADMIN_URL);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    host: u.hostname,
    port: Number(u.port) || 5432,
    user: decodeURIComponent(u.username) || 'postgres',
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A fresh temporary folder (e.g. a Node-RED user directory); remove() deletes it. */
export function tempDir(prefix = 'crm-pg-'): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A TCP port nothing listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Polls until fn returns a truthy value or the timeout passes. */
export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
