import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { describeTarget, loadMigrations, migrationState, MIGRATIONS_DIR, runMigrations } from '../../src/connectors/postgres';
import type { Target } from '../../src/connectors/postgres';
import type { CrmError } from '../../src/core/errors';
import { createTempDatabase, tempDir } from '../helpers/postgres';
import type { TempDatabase } from '../helpers/postgres';

describe('postgres migrations (real PostgreSQL)', () => {
  let db: TempDatabase;
  let pool: pg.Pool;
  let target: Target;

  before(async () => {
    db = await createTempDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 3 });
    target = describeTarget({ kind: 'server', url: db.url });
  });
  after(async () => {
    await pool.end();
    await db.drop();
  });

  it('applies 0001 once, records id and checksum, and is a no-op the second time', async () => {
    const first = await runMigrations(pool, target);
    assert.ok(first.includes('0001_sync_and_error_log'));
    const recorded = await pool.query('SELECT id, checksum, applied_at FROM crm_sync.schema_migrations ORDER BY id');
    assert.equal(recorded.rows[0].id, '0001_sync_and_error_log');
    assert.match(recorded.rows[0].checksum, /^[0-9a-f]{64}$/);
    assert.ok(recorded.rows[0].applied_at instanceof Date);

    const second = await runMigrations(pool, target);
    assert.deepEqual(second, []);
    const again = await pool.query('SELECT count(*)::int AS n FROM crm_sync.schema_migrations');
    assert.equal(again.rows[0].n, recorded.rowCount);

    const cols = await pool.query(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'crm_sync' AND table_name = 'sync_log' ORDER BY ordinal_position`,
    );
    assert.deepEqual(
      cols.rows.map((r) => r.column_name),
      ['id', 'time', 'flow_id', 'node_id', 'direction', 'system', 'object', 'record_id', 'external_id', 'event', 'status', 'message', 'payload', 'duration_ms'],
    );
    await assert.rejects(pool.query(`INSERT INTO crm_sync.sync_log (status) VALUES ('ok')`), /check constraint/);
    const idx = await pool.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'crm_sync' AND tablename = 'sync_log'`);
    assert.ok(idx.rows.some((r) => r.indexname === 'sync_log_record_idx'));
    assert.deepEqual(await migrationState(pool), { applied: loadMigrations().map((m) => m.id), pending: [], unknown: [] });
  });

  describe('with extra migration files (another area adding its range)', () => {
    const tmp = tempDir('crm-mig-');
    after(() => tmp.remove());

    function dirWith(files: Record<string, string>): string {
      const dir = fs.mkdtempSync(path.join(tmp.dir, 'm-'));
      for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
      for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
      return dir;
    }

    it('just adding a file applies it, in file-name order, with search_path crm_sync', async () => {
      const dir = dirWith({ '0150_dedupe_index.sql': 'CREATE TABLE dedupe_probe (k text PRIMARY KEY);' });
      assert.deepEqual(await runMigrations(pool, target, loadMigrations(dir)), ['0150_dedupe_index']);
      const t = await pool.query(`SELECT to_regclass('crm_sync.dedupe_probe')::text AS t`);
      assert.equal(t.rows[0].t, 'crm_sync.dedupe_probe');
    });

    it('a failing migration is rolled back, not recorded, and reported as PG_MIGRATION_FAILED', async () => {
      const dir = dirWith({ '0150_dedupe_index.sql': 'CREATE TABLE dedupe_probe (k text PRIMARY KEY);', '0160_broken.sql': 'CREATE TABLE half_done (a int); SELECT no_such_function();' });
      await assert.rejects(runMigrations(pool, target, loadMigrations(dir)), (err: CrmError) => {
        assert.equal(err.code, 'PG_MIGRATION_FAILED');
        assert.equal(err.params.id, '0160_broken');
        assert.match(String(err.params.reason), /no_such_function/);
        return true;
      });
      const t = await pool.query(`SELECT to_regclass('crm_sync.half_done') AS t`);
      assert.equal(t.rows[0].t, null);
      const rec = await pool.query(`SELECT 1 FROM crm_sync.schema_migrations WHERE id = '0160_broken'`);
      assert.equal(rec.rowCount, 0);
    });

    it('a migration edited after it ran is refused with PG_MIGRATION_CHANGED', async () => {
      const dir = dirWith({ '0150_dedupe_index.sql': 'CREATE TABLE dedupe_probe (k text PRIMARY KEY, extra int);' });
      await assert.rejects(runMigrations(pool, target, loadMigrations(dir)), { code: 'PG_MIGRATION_CHANGED' });
    });

    it('misnamed or duplicate-numbered files are refused before touching the database', () => {
      assert.throws(() => loadMigrations(dirWith({ 'add-stuff.sql': 'SELECT 1' })), { code: 'PG_MIGRATION_FAILED' });
      assert.throws(() => loadMigrations(dirWith({ '0001_again.sql': 'SELECT 1' })), /share number 0001/);
    });
  });

  it('two runners starting at once (separate pools) apply each migration exactly once', async () => {
    const other = await createTempDatabase();
    const tmp = tempDir('crm-mig-race-');
    const a = new pg.Pool({ connectionString: other.url, max: 1 });
    const b = new pg.Pool({ connectionString: other.url, max: 1 });
    try {
      // A slow migration widens the window in which an unlocked runner would apply it twice.
      fs.copyFileSync(path.join(MIGRATIONS_DIR, '0001_sync_and_error_log.sql'), path.join(tmp.dir, '0001_sync_and_error_log.sql'));
      fs.writeFileSync(path.join(tmp.dir, '0002_slow.sql'), 'SELECT pg_sleep(0.3); CREATE TABLE slow_probe (a int);');
      const migrations = loadMigrations(tmp.dir);
      const [ra, rb] = await Promise.all([runMigrations(a, target, migrations), runMigrations(b, target, migrations)]);
      assert.deepEqual([...ra, ...rb].sort(), ['0001_sync_and_error_log', '0002_slow']);
      assert.ok(ra.length === 0 || rb.length === 0, 'one runner did everything, the other found nothing to do');
      const rec = await a.query('SELECT count(*)::int AS n FROM crm_sync.schema_migrations');
      assert.equal(rec.rows[0].n, 2);
    } finally {
      await a.end();
      await b.end();
      tmp.remove();
      await other.drop();
    }
  });
});
