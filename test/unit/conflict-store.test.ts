import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import { KeyedQueue, MemorySnapshotStore, PgSnapshotStore } from '../../src/core/conflict';
import type { Snapshot } from '../../src/core/conflict';
import { queryable, snapshotDb } from '../helpers/conflict-pglite';

const snap = (name: string): Snapshot => ({ record: { Name: name, Tags: ['a', 'b'], Amount: 10 }, hashes: { monday: 'sha256:m', salesforce: `sha256:${name}` } });

describe('conflict snapshot stores', () => {
  let db: PGlite;
  before(async () => {
    db = await snapshotDb();
  });
  after(async () => {
    await db.close();
  });

  it('PostgreSQL: saves one row per system and loads the merged record and hashes back', async () => {
    const store = new PgSnapshotStore(queryable(db));
    assert.equal(await store.load('Contact:1'), undefined);
    await store.save('Contact:1', snap('Ann'));
    await store.save('Contact:1', snap('Anna'));
    const loaded = await store.load('Contact:1');
    assert.deepEqual(loaded?.record, { Name: 'Anna', Tags: ['a', 'b'], Amount: 10 });
    assert.deepEqual(loaded?.hashes, { monday: 'sha256:m', salesforce: 'sha256:Anna' });
    assert.match(loaded?.updatedAt ?? '', /^\d{4}-\d{2}-\d{2}T/);
    const rows = await db.query<{ system: string; hash: string }>('SELECT system, hash FROM crm_sync.record_snapshot WHERE entity_key = $1 ORDER BY system', ['Contact:1']);
    assert.deepEqual(rows.rows, [{ system: 'monday', hash: 'sha256:m' }, { system: 'salesforce', hash: 'sha256:Anna' }]);
  });

  it('PostgreSQL: keeps keys apart and stores hostile text as data', async () => {
    const store = new PgSnapshotStore(queryable(db));
    const key = "Contact:2'); DROP TABLE crm_sync.record_snapshot; --";
    await store.save(key, snap("O'Brien"));
    assert.equal((await store.load(key))?.record.Name, "O'Brien");
    assert.equal((await store.load('Contact:1'))?.record.Name, 'Anna');
  });

  it('PostgreSQL: a missing table is a clear error telling to run the migrations', async () => {
    await db.exec('ALTER TABLE crm_sync.record_snapshot RENAME TO record_snapshot_away');
    try {
      await assert.rejects(new PgSnapshotStore(queryable(db)).load('x'), (err: Error & { code?: string }) => {
        assert.equal(err.code, 'SNAPSHOT_STORE_MISSING');
        assert.match(err.message, /crm_sync\.record_snapshot does not exist: apply .*0200_snapshots\.sql/);
        return true;
      });
    } finally {
      await db.exec('ALTER TABLE crm_sync.record_snapshot_away RENAME TO record_snapshot');
    }
  });

  it('PostgreSQL: other failures are retryable store errors that keep the reason', async () => {
    const broken = { query: async () => Promise.reject(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' })) };
    await assert.rejects(new PgSnapshotStore(broken).save('x', snap('A')), (err: Error & { code?: string; retryable?: boolean }) => {
      assert.equal(err.code, 'SNAPSHOT_STORE_FAILED');
      assert.equal(err.retryable, true);
      assert.match(err.message, /Could not save the snapshot in PostgreSQL: connection refused/);
      return true;
    });
  });

  it('memory: returns copies and forgets the least recently used entries past its bound', async () => {
    const store = new MemorySnapshotStore(2);
    await store.save('a', snap('A'));
    await store.save('b', snap('B'));
    const a = await store.load('a');
    a!.record.Name = 'changed';
    assert.equal((await store.load('a'))?.record.Name, 'A', 'loads are copies');
    await store.save('c', snap('C'));
    assert.equal(store.size, 2);
    assert.equal(await store.load('b'), undefined, 'b was least recently used');
    assert.ok(await store.load('a'));
  });

  it('keyed queue: runs tasks for one key in order, other keys alongside, survives failures', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([queue.run('k', task('k1', 20, true)), queue.run('k', task('k2', 1)), queue.run('j', task('j1', 1))]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'fulfilled', 'fulfilled']);
    assert.ok(log.indexOf('end k1') < log.indexOf('start k2'), 'same key waits');
    assert.ok(log.indexOf('start j1') < log.indexOf('end k1'), 'other keys do not wait');
    await new Promise((r) => setImmediate(r));
    assert.equal(queue.pending, 0);
  });
});
