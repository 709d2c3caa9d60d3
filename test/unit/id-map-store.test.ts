import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { PgIdMap, foundEntries, linkedEntry, parseLinkEntries } from '../../src/core/id-map';
import type { LinkOutcome } from '../../src/core/id-map';
import type { Queryable } from '../../src/core/store';
import { createTempDatabase } from '../helpers/postgres';
import type { TempDatabase } from '../helpers/postgres';

const MIGRATION = fs.readFileSync(path.resolve(__dirname, '..', '..', 'src', 'connectors', 'postgres', 'migrations', '0500_id_map.sql'), 'utf8');

interface Backend {
  name: string;
  open(): Promise<{ db: Queryable; count(): Promise<number>; close(): Promise<void> }>;
}

const pglite: Backend = {
  name: 'embedded PGlite',
  async open() {
    const db = new PGlite();
    await db.exec(MIGRATION);
    return {
      // PGlite offers query() and transaction(), which is all the store uses.
      db: db as unknown as Queryable,
      count: async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM crm_sync.id_map')).rows[0].n,
      close: () => db.close(),
    };
  },
};

let temp: TempDatabase | undefined;
const server: Backend = {
  name: 'PostgreSQL server (throwaway database)',
  async open() {
    temp = await createTempDatabase('crm_idmap_test');
    const pool = new Pool({ connectionString: temp.url, max: 4 });
    await pool.query(MIGRATION);
    return {
      db: pool as unknown as Queryable,
      count: async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM crm_sync.id_map')).rows[0].n,
      close: async () => {
        await pool.end();
        await temp?.drop();
      },
    };
  },
};

/** Links entries given as the flow would, failing the test on any refused entry. */
async function link(map: PgIdMap, value: unknown): Promise<Array<Record<string, unknown>>> {
  const parsed = parseLinkEntries(value, 'lead');
  assert.deepEqual(parsed.refused, []);
  return (await map.link(parsed.requests)).map((o) => (o.ok ? linkedEntry(o.link, o.replaced) : assert.fail(o.error.message)));
}

for (const backend of [pglite, server]) {
  describe(`id map store on ${backend.name}`, () => {
    let store: Awaited<ReturnType<Backend['open']>>;
    let map: PgIdMap;
    before(async () => {
      store = await backend.open();
      map = new PgIdMap(store.db);
    });
    after(() => store.close());

    it('links two ids under a new link id; numbers are stored as text; linking again changes nothing', async () => {
      const [first] = await link(map, { salesforce: '00Q1', monday: 101 });
      assert.equal(typeof first.linkId, 'number');
      assert.deepEqual(first, { entity: 'lead', linkId: first.linkId, monday: '101', salesforce: '00Q1' });
      const before = await store.count();
      const [again] = await link(map, { monday: '101', salesforce: '00Q1' });
      assert.deepEqual(again, first, 'same link, nothing replaced');
      assert.equal(await store.count(), before);
    });

    it('joins a known link: the new system is added to the link of the id already linked', async () => {
      const [base] = await link(map, { salesforce: '00Q2', monday: 102 });
      const [joined] = await link(map, { monday: 102, hubspot: 'h-2' });
      assert.deepEqual(joined, { entity: 'lead', linkId: base.linkId, hubspot: 'h-2', monday: '102', salesforce: '00Q2' });
    });

    it("replaces a system's id in a link and reports the old one; the old id is no longer found", async () => {
      const [base] = await link(map, { salesforce: '00Q3', monday: 103 });
      const [moved] = await link(map, { salesforce: '00Q3-new', monday: 103 });
      assert.deepEqual(moved, { entity: 'lead', linkId: base.linkId, monday: '103', salesforce: '00Q3-new', replaced: { salesforce: '00Q3' } });
      const query = { entity: 'lead', system: 'salesforce', ids: ['00Q3', '00Q3-new'] };
      assert.deepEqual(foundEntries(query, await map.lookup(query)), [
        { entity: 'lead', found: false, salesforce: '00Q3' },
        { entity: 'lead', linkId: base.linkId, found: true, monday: '103', salesforce: '00Q3-new' },
      ]);
    });

    it('refuses an entry whose ids are in two different links, changes nothing for it, and links the rest of the batch', async () => {
      const [a] = await link(map, { salesforce: '00Q4', monday: 104 });
      const [b] = await link(map, { salesforce: '00Q5', monday: 105 });
      const before = await store.count();
      const parsed = parseLinkEntries([{ salesforce: '00Q4', monday: 105 }, { salesforce: '00Q6', monday: 106 }], 'lead');
      const [bad, good] = await map.link(parsed.requests);
      assert.equal(bad.ok, false);
      const error = (bad as Extract<LinkOutcome, { ok: false }>).error;
      assert.equal(error.code, 'ID_MAP_CONFLICT');
      assert.match(error.message, new RegExp(`salesforce 00Q4 in link ${a.linkId}; monday 105 in link ${b.linkId}`));
      assert.equal(good.ok, true);
      assert.equal(await store.count(), before + 2);
      const query = { entity: 'lead', system: 'monday', ids: ['104', '105'] };
      assert.deepEqual(
        (await map.lookup(query)).map((l) => l?.ids.salesforce),
        ['00Q4', '00Q5'],
      );
    });

    it('looks up a batch in one query, aligned with the input: found, missing, empty positions and repeats', async () => {
      const [l] = await link(map, { salesforce: '00Q7', monday: 107 });
      const query = { entity: 'lead', system: 'monday', ids: ['107', 'nope', null, '107'] };
      assert.deepEqual(foundEntries(query, await map.lookup(query)), [
        { entity: 'lead', linkId: l.linkId, found: true, monday: '107', salesforce: '00Q7' },
        { entity: 'lead', found: false, monday: 'nope' },
        { entity: 'lead', found: false, monday: null },
        { entity: 'lead', linkId: l.linkId, found: true, monday: '107', salesforce: '00Q7' },
      ]);
    });

    it('keeps entities apart: the same ids link separately per entity', async () => {
      const [lead] = await link(map, { salesforce: 'X1', monday: 108 });
      const [account] = await link(map, { entity: 'account', salesforce: 'X1', monday: 208 });
      assert.notEqual(account.linkId, lead.linkId);
      assert.equal(account.entity, 'account');
      const found = await map.lookup({ entity: 'account', system: 'salesforce', ids: ['X1'] });
      assert.equal(found[0]?.ids.monday, '208');
    });

    it('unlinks the whole link of an id and returns it; a second unlink finds nothing', async () => {
      const [l] = await link(map, { salesforce: '00Q9', monday: 109, hubspot: 'h-9' });
      const query = { entity: 'lead', system: 'monday', ids: ['109'] };
      const [removed] = await map.unlink(query);
      assert.deepEqual(removed, { entity: 'lead', linkId: l.linkId, ids: { salesforce: '00Q9', monday: '109', hubspot: 'h-9' } });
      assert.deepEqual(await map.unlink(query), [undefined]);
      assert.deepEqual(await map.lookup({ entity: 'lead', system: 'hubspot', ids: ['h-9'] }), [undefined]);
    });

    it('links the same new ids from parallel callers into one link', async () => {
      const parsed = parseLinkEntries({ salesforce: '00QP', monday: 150 }, 'lead');
      const outcomes = await Promise.all([1, 2, 3].map(() => map.link(parsed.requests)));
      const ids = outcomes.map(([o]) => (o.ok ? o.link.linkId : -1));
      assert.deepEqual(new Set(ids).size, 1, ids.join(', '));
    });
  });
}

describe('id map entries', () => {
  it('refuses malformed entries one by one, with their index and code, and keeps the valid ones', () => {
    const parsed = parseLinkEntries(
      [{ salesforce: 'a', monday: 1 }, 'x', { salesforce: 'a' }, { Salesforce: 'a', monday: 1 }, { salesforce: {}, monday: 1 }, { entity: 'Lead', salesforce: 'a', monday: 1 }, { salesforce: 'b', monday: 2, linkId: 9, found: true }],
      'lead',
    );
    assert.deepEqual(
      parsed.requests.map((r) => [r.index, r.entity, r.ids]),
      [
        [0, 'lead', { salesforce: 'a', monday: '1' }],
        [6, 'lead', { salesforce: 'b', monday: '2' }],
      ],
    );
    assert.deepEqual(
      parsed.refused.map((r) => [r.index, r.error.code]),
      [
        [1, 'ID_MAP_BAD_ENTRY'],
        [2, 'ID_MAP_TOO_FEW_IDS'],
        [3, 'ID_MAP_BAD_SYSTEM_NAME'],
        [4, 'ID_MAP_BAD_ID'],
        [5, 'ID_MAP_BAD_ENTITY'],
      ],
    );
    assert.equal(parsed.single, false);
  });

  it('fails the whole message when msg.idMap is neither an object nor a list', () => {
    assert.throws(() => parseLinkEntries('00Q1', 'lead'), { code: 'ID_MAP_NO_ENTRIES' });
    assert.throws(() => parseLinkEntries(undefined, 'lead'), { code: 'ID_MAP_NO_ENTRIES' });
  });
});
