import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Client, Pool } from 'pg';
import { PgSnapshotStore, buildOptions, resolve } from '../../src/core/conflict';
import type { Resolution } from '../../src/core/conflict';
import { SNAPSHOT_MIGRATION } from '../helpers/conflict-pglite';

const ADMIN = process.env.CRM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB = `conflict_${crypto.randomBytes(6).toString('hex')}`;

/** The same store against a real server through node-postgres (jsonb parsed, timestamptz as Date). */
describe('conflict snapshot store on a real PostgreSQL (throwaway database)', () => {
  let pool: Pool;
  before(async () => {
    const admin = new Client({ connectionString: ADMIN });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DB}`);
    await admin.end();
    const url = new URL(ADMIN);
    url.pathname = `/${DB}`;
    pool = new Pool({ connectionString: url.toString(), max: 2 });
    await pool.query(fs.readFileSync(SNAPSHOT_MIGRATION, 'utf8'));
  });
  after(async () => {
    await pool?.end();
    const admin = new Client({ connectionString: ADMIN });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.end();
  });

  it('round-trips a resolution: the stored snapshot makes the next message three-way and spots the echo', async () => {
    const store = new PgSnapshotStore(pool);
    const options = buildOptions({ priority: ['salesforce'] });
    const first = (await resolve({ payload: { salesforce: { Name: 'Ann', When: new Date('2026-01-01T10:00:00Z') }, monday: { Name: 'Anna' } }, entity: 'k1' }, options)) as Resolution;
    await store.save('k1', first.snapshot);
    const loaded = await store.load('k1');
    assert.deepEqual(loaded?.record, { Name: 'Ann', When: '2026-01-01T10:00:00.000Z' });
    assert.deepEqual(loaded?.hashes, first.snapshot.hashes);
    const echo = await resolve({ payload: { monday: { Name: 'Ann', When: '2026-01-01T11:00:00+01:00' } }, snapshot: loaded }, options);
    assert.deepEqual(echo, { kind: 'echo', echoes: ['monday'] });
    const next = (await resolve({ payload: { monday: { Name: 'Annie' } }, snapshot: loaded }, options)) as Resolution;
    assert.equal(next.mode, 'three-way');
    assert.deepEqual(next.patches.salesforce, { Name: 'Annie' });
  });
});
