import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { acquireEmbedded, embeddedRefs, openStore } from '../../src/connectors/postgres';
import { loadMigrations } from '../../src/connectors/postgres/migrations';
import { tempDir } from '../helpers/postgres';

describe('embedded PostgreSQL (PGlite over pglite-socket)', () => {
  const tmp = tempDir('crm-pglite-');
  const dataDir = path.join(tmp.dir, 'crm-sync', 'pgdata');
  after(() => tmp.remove());

  it('migrates, keeps rows across close and reopen, and shares one instance per folder', async () => {
    const first = await openStore({ kind: 'embedded', dataDir });
    assert.equal(first.kind, 'embedded');
    assert.match(await first.serverVersion(), /PGlite/);
    await first.query(`INSERT INTO crm_sync.sync_log (system, object, record_id, status, payload) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
      'salesforce',
      'Contact',
      '003A',
      'success',
      JSON.stringify({ a: 1 }),
    ]);

    // A second config node on the same folder joins the open database instead of opening it twice.
    const second = await openStore({ kind: 'embedded', dataDir });
    assert.equal(second.pool, first.pool);
    assert.equal(embeddedRefs(dataDir), 2);
    // Concurrent queries through the single connection are queued, not interleaved.
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => second.query<{ n: number }>('SELECT $1::int AS n', [i])));
    assert.deepEqual(
      results.map((r) => r.rows[0].n),
      Array.from({ length: 20 }, (_, i) => i),
    );
    await first.close();
    assert.equal(embeddedRefs(dataDir), 1);
    assert.equal((await second.query<{ n: number }>('SELECT count(*)::int AS n FROM crm_sync.sync_log')).rows[0].n, 1);
    await assert.rejects(first.query('SELECT 1'), { code: 'PG_CLOSED' });
    await second.close();
    assert.equal(embeddedRefs(dataDir), 0);

    const reopened = await openStore({ kind: 'embedded', dataDir });
    try {
      const rows = await reopened.query<Record<string, unknown>>('SELECT system, object, record_id, status, payload FROM crm_sync.sync_log');
      assert.deepEqual(rows.rows, [{ system: 'salesforce', object: 'Contact', record_id: '003A', status: 'success', payload: { a: 1 } }]);
      const mig = await reopened.query<{ n: number }>('SELECT count(*)::int AS n FROM crm_sync.schema_migrations');
      assert.equal(mig.rows[0].n, loadMigrations().length, 'migrations are not applied twice after reopening');
    } finally {
      await reopened.close();
    }
  });

  it('transactions commit or roll back as a whole on the single connection', async () => {
    const store = await openStore({ kind: 'embedded', dataDir });
    try {
      await assert.rejects(
        store.transaction(async (q) => {
          await q.query(`INSERT INTO crm_sync.error_log (message) VALUES ('in tx')`);
          await q.query('SELECT no_such_column FROM crm_sync.error_log');
        }),
        { code: 'PG_QUERY_FAILED' },
      );
      const n = await store.transaction(async (q) => {
        await q.query(`INSERT INTO crm_sync.error_log (message) VALUES ('kept')`);
        return (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM crm_sync.error_log')).rows[0].n;
      });
      assert.equal(n, 1);
      const msgs = await store.query<{ message: string }>('SELECT message FROM crm_sync.error_log');
      assert.deepEqual(msgs.rows, [{ message: 'kept' }]);
    } finally {
      await store.close();
    }
  });

  it('an unusable folder gives PG_EMBEDDED_FAILED naming the folder', async () => {
    const file = path.join(tmp.dir, 'not-a-dir');
    (await import('node:fs')).writeFileSync(file, 'x');
    await assert.rejects(acquireEmbedded(path.join(file, 'pgdata')), (err: Error & { code?: string; params?: Record<string, unknown> }) => {
      assert.equal(err.code, 'PG_EMBEDDED_FAILED');
      assert.equal(err.params?.dataDir, path.join(file, 'pgdata'));
      return true;
    });
    assert.equal(embeddedRefs(path.join(file, 'pgdata')), 0);
  });
});
