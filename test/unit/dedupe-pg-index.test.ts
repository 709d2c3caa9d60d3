import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { Client, Pool } from 'pg';
import { dedupeBatch } from '../../src/core/dedupe/engine';
import { PgDedupeIndex } from '../../src/core/dedupe/pg-index';
import { CONTACT_PROFILE } from '../../src/core/dedupe/profiles';
import type { Queryable } from '../../src/core/store';

const MIGRATION = path.resolve(__dirname, '..', '..', 'src', 'connectors', 'postgres', 'migrations', '0100_dedupe_index.sql');

const options = {
  profile: CONTACT_PROFILE,
  mapping: { firstName: 'first', lastName: 'last', email: 'email', phone: 'phone' },
  idKey: 'id',
  matchThreshold: 8,
  reviewThreshold: 3,
  namespace: 'contacts',
};

interface Backend {
  db: Queryable;
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

const SQL = fs.readFileSync(MIGRATION, 'utf8');
const ADMIN_URL = process.env.DEDUPE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function pglite(): Promise<Backend> {
  const db = new PGlite();
  return { db: db as unknown as Queryable, exec: (sql) => db.exec(sql), close: () => db.close() };
}

/** A throwaway database on the real server, dropped afterwards. */
async function postgres(): Promise<Backend> {
  const name = `dedupe_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const pool = new Pool({ connectionString: url.toString(), max: 2 });
  return {
    db: pool as unknown as Queryable,
    exec: (sql) => pool.query(sql),
    close: async () => {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}

for (const [label, open] of [['PGlite', pglite], ['PostgreSQL server', postgres]] as const) {
  describe(`dedupe PostgreSQL index (${label})`, () => {
    let backend: Backend;
    let index: PgDedupeIndex;

    before(async () => {
      backend = await open();
      await backend.exec(SQL);
      index = new PgDedupeIndex(backend.db);
    });
    after(async () => {
      await backend.close();
    });

    it('applies twice without error (idempotent migration)', async () => {
      await backend.exec(SQL);
    });
    it('replaces a record and its keys on upsert and finds it by any current key', async () => {
      await index.upsert('t1', [{ id: 'a', clusterId: 'c1', values: { email: 'x@y.io' }, keys: ['k1', 'k2'], record: { v: 1 } }]);
      await index.upsert('t1', [{ id: 'a', clusterId: 'c1', values: { email: 'x@y.io' }, keys: ['k2', 'k3'], record: { v: 2 } }]);
      assert.equal(await index.size('t1'), 1);
      assert.deepEqual(await index.candidates('t1', ['k1'], 10), []);
      const found = await index.candidates('t1', ['k3', 'k2'], 10);
      assert.deepEqual(found, [{ id: 'a', clusterId: 'c1', values: { email: 'x@y.io' }, record: { v: 2 } }]);
      assert.deepEqual(await index.candidates('other', ['k3'], 10), [], 'namespaces are separate');
    });

    it('stores records holding NUL characters (which jsonb rejects) without failing the batch', async () => {
      await index.upsert('t3', [{ id: 'n\u0000ul', clusterId: 'c', values: { lastName: 'a\u0000b' }, keys: ['k\u0000'], record: { note: 'x\u0000y' } }]);
      const found = await index.candidates('t3', ['k'], 10);
      assert.deepEqual(found, [{ id: 'nul', clusterId: 'c', values: { lastName: 'ab' }, record: { note: 'xy' } }]);
    });

    it('saves a run all or nothing: a failing write undoes the relabel and earlier chunks', async () => {
      await index.upsert('t4', [{ id: 'a', clusterId: 'old', values: {}, keys: ['k'] }]);
      const many = Array.from({ length: 600 }, (_, i) => ({ id: `r${i}`, clusterId: 'new', values: {}, keys: ['k'] }));
      const broken = { id: 'bad', clusterId: null as unknown as string, values: {}, keys: ['k'] };
      await assert.rejects(index.save('t4', { relabels: [{ from: ['old'], into: 'new' }], records: [...many, broken] }), { code: 'DEDUPE_INDEX_FAILED' });
      assert.equal(await index.size('t4'), 1);
      assert.deepEqual((await index.candidates('t4', ['k'], 10)).map((c) => c.clusterId), ['old']);
    });

    it('caps candidates per key and relabels clusters', async () => {
      const many = Array.from({ length: 30 }, (_, i) => ({ id: `m${i}`, clusterId: `c${i % 3}`, values: {}, keys: ['common'] }));
      await index.upsert('t2', many);
      assert.equal((await index.candidates('t2', ['common'], 5)).length, 5);
      await index.relabel('t2', ['c1', 'c2'], 'c0');
      const all = await index.candidates('t2', ['common'], 100);
      assert.deepEqual([...new Set(all.map((c) => c.clusterId))], ['c0']);
      await index.clear('t2');
      assert.equal(await index.size('t2'), 0);
    });

    it('finds, across runs, duplicates of records indexed by an earlier batch', async () => {
      const first = await dedupeBatch(
        [
          { id: '1', first: 'Robert', last: 'Smith', email: 'bob.smith@example.com', phone: '+1 312 555 0101' },
          { id: '2', first: 'Alice', last: 'Jones', email: 'alice@example.org', phone: '+1 415 555 0199' },
        ],
        options,
        index,
      );
      assert.equal(first.unique.length, 2);
      assert.equal(await index.size('contacts'), 2);
      const second = await dedupeBatch(
        [
          { id: '3', first: 'Bob', last: 'Smith', email: 'Bob.Smith@Example.com', phone: '(312) 555-0101' },
          { id: '4', first: 'Carol', last: 'White', email: 'carol@example.net' },
        ],
        options,
        index,
      );
      assert.equal(second.duplicates.length, 1);
      const dup = second.duplicates[0];
      assert.equal(dup.id, '3');
      assert.equal(dup.matchedId, '1');
      assert.equal(dup.matchedInIndex, true);
      assert.deepEqual(dup.matchedRecord, { id: '1', first: 'Robert', last: 'Smith', email: 'bob.smith@example.com', phone: '+1 312 555 0101' });
      assert.equal(dup.clusterId, 'c:1');
      assert.deepEqual(second.unique, [{ id: '4', first: 'Carol', last: 'White', email: 'carol@example.net' }]);
      assert.equal(await index.size('contacts'), 4);
    });
  });
}

describe('dedupe PostgreSQL index (PGlite only)', () => {
  let db: PGlite;
  before(async () => {
    db = new PGlite();
    await db.exec(SQL);
  });
  after(async () => {
    await db.close();
  });

  it('uses the blocking-key index for candidate look-up', async () => {
    const plan = await db.query<{ 'QUERY PLAN': string }>(
      "EXPLAIN SELECT record_id FROM crm_sync.dedupe_block WHERE namespace = 'x' AND block_key = 'k'",
    );
    // on an empty table the planner may still scan; force the choice it makes once the table grows
    await db.exec('SET enable_seqscan = off');
    const forced = await db.query<{ 'QUERY PLAN': string }>("EXPLAIN SELECT record_id FROM crm_sync.dedupe_block WHERE namespace = 'x' AND block_key = 'k'");
    await db.exec('SET enable_seqscan = on');
    assert.ok(plan.rows.length > 0);
    assert.match(forced.rows.map((r) => r['QUERY PLAN']).join('\n'), /Index (Only )?Scan using dedupe_block_pkey/);
  });

  it('reports a missing schema as a setup error, not a crash', async () => {
    const empty = new PGlite();
    try {
      await assert.rejects(new PgDedupeIndex(empty as unknown as Queryable).candidates('n', ['k'], 5), { code: 'DEDUPE_INDEX_MISSING' });
    } finally {
      await empty.close();
    }
  });
});
