import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { translator } from '../helpers/catalog';
import { helper, nodeModule, ROOT } from '../helpers/red';

const catchNode = require('@node-red/nodes/core/common/25-catch.js');
const MIGRATION = path.join(ROOT, 'src', 'connectors', 'postgres', 'migrations', '0100_dedupe_index.sql');

type Msg = Record<string, any>;

const FIELDS = [
  { field: 'firstName', key: 'FirstName' },
  { field: 'lastName', key: 'LastName' },
  { field: 'email', key: 'Email' },
  { field: 'phone', key: 'Phone' },
];

function flow(extra: Record<string, unknown> = {}): Array<Record<string, unknown>> {
  return [
    { id: 'd1', type: 'crm-dedupe', name: 'dd', profile: 'contact', fields: FIELDS, property: 'payload', idKey: 'Id', matchThreshold: '', reviewThreshold: '', defaultCountry: 'US', stripPlusTag: true, gmailDots: true, index: 'memory', namespace: '', merge: false, mergeRule: 'mostComplete', maxBlockSize: 40, version: 1, wires: [['o1'], ['o2'], ['o3']], ...extra },
    { id: 'o1', type: 'helper' },
    { id: 'o2', type: 'helper' },
    { id: 'o3', type: 'helper' },
    { id: 'c1', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
  ];
}

const BATCH = [
  { Id: '001', FirstName: 'Robert', LastName: 'Smith', Email: 'bob.smith@example.com', Phone: '(312) 555-0101' },
  { Id: '002', FirstName: 'Bob', LastName: 'Smith', Email: 'Bob.Smith+news@example.com', Phone: '312.555.0101' },
  { Id: '003', FirstName: 'Alice', LastName: 'Jones', Email: 'alice@example.org' },
];

/** Collects what arrives on the given helper nodes during `ms` after sending. */
function collect(ids: string[], ms = 300): Promise<Record<string, Msg[]>> {
  const got: Record<string, Msg[]> = Object.fromEntries(ids.map((id) => [id, []]));
  for (const id of ids) helper.getNode(id).on('input', (m: Msg) => got[id].push(m));
  return new Promise((resolve) => setTimeout(() => resolve(got), ms));
}

function send(payload: unknown, extra: Msg = {}): void {
  helper.getNode('d1').receive({ payload, ...extra });
}

/** A stand-in crm-pg-config over PGlite (test/node/pg-wiring.test.ts uses the real one). */
function fakePgConfig(store: () => Promise<unknown>) {
  return function (RED: any) {
    function PgConfig(this: any, def: any) {
      RED.nodes.createNode(this, def);
      this.getStore = store;
      this.state = { state: 'idle' };
      this.register = () => undefined;
      this.deregister = () => undefined;
    }
    RED.nodes.registerType('crm-pg-config', PgConfig);
  };
}

describe('crm-dedupe node', () => {
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
  });

  it('sends unique records on output 1 and duplicates with explanation on output 2', async () => {
    await helper.load([nodeModule('dedupe'), catchNode] as never, flow());
    const got = collect(['o1', 'o2', 'o3']);
    send(BATCH, { topic: 'batch-1' });
    const out = await got;
    assert.equal(out.o1.length, 1);
    assert.deepEqual(out.o1[0].payload.map((r: Msg) => r.Id), ['001', '003']);
    assert.equal(out.o1[0].topic, 'batch-1', 'the incoming msg travels on');
    assert.equal(out.o1[0].dedupe.duplicates, 1);
    assert.equal(out.o2.length, 1);
    const dup = out.o2[0].payload[0];
    assert.equal(dup.id, '002');
    assert.equal(dup.matchedId, '001');
    assert.equal(dup.clusterId, 'c:001');
    assert.ok(dup.score >= 8);
    assert.match(dup.explanation.summary, /email agree/);
    assert.deepEqual(out.o2[0].review, []);
    assert.equal(out.o3.length, 0);
  });

  it('remembers earlier batches in memory', async () => {
    await helper.load([nodeModule('dedupe'), catchNode] as never, flow());
    let got = collect(['o1']);
    send(BATCH);
    await got;
    got = collect(['o1', 'o2']);
    send([{ Id: '010', FirstName: 'Alice', LastName: 'Jones', Email: 'ALICE@example.org' }]);
    const out = await got;
    assert.deepEqual(out.o1[0].payload, []);
    assert.equal(out.o2[0].payload[0].matchedId, '003');
    assert.equal(out.o2[0].payload[0].matchedInIndex, true);
  });

  it('runs batches one at a time, so back-to-back batches see each other', async () => {
    await helper.load([nodeModule('dedupe'), catchNode] as never, flow());
    const got = collect(['o1', 'o2']);
    send(BATCH.slice(0, 1));
    send(BATCH.slice(1, 2));
    const out = await got;
    assert.equal(out.o2.length, 1);
    assert.equal(out.o2[0].payload[0].matchedId, '001');
  });

  it('forgets earlier batches on msg.reset', async () => {
    await helper.load([nodeModule('dedupe'), catchNode] as never, flow());
    let got = collect(['o1']);
    send(BATCH);
    await got;
    helper.getNode('d1').receive({ reset: true });
    got = collect(['o1', 'o2']);
    const again = { ...BATCH[2], Id: '099' };
    send([again]);
    const out = await got;
    assert.deepEqual(out.o1[0].payload, [again], 'without the reset it would duplicate 003');
    assert.equal(out.o2.length, 0);
  });

  it('routes bad input to output 3 with catalog messages and keeps going', async () => {
    await helper.load([nodeModule('dedupe'), catchNode] as never, flow());
    let got = collect(['o1', 'o3', 'caught']);
    send('not a list');
    let out = await got;
    assert.equal(out.o1.length, 0);
    assert.equal(out.o3[0].payload[0].code, 'NOT_A_LIST');
    assert.equal(out.caught.length, 0);

    got = collect(['o3']);
    send([]);
    out = await got;
    assert.equal(out.o3[0].payload[0].code, 'EMPTY_BATCH');

    got = collect(['o1', 'o3']);
    send([42, { Id: 'x', FirstName: ['A'] }, { Id: 'y', LastName: 'Lee', Email: 'e'.repeat(2000) }, { Id: 'z', Note: 'no key fields' }, { Id: 'ok', LastName: 'Lee' }]);
    out = await got;
    assert.deepEqual(out.o3[0].payload.map((e: Msg) => [e.index, e.code]), [[0, 'NOT_AN_OBJECT'], [1, 'WRONG_TYPE'], [2, 'VALUE_TOO_LONG'], [3, 'MISSING_KEY_FIELDS']]);
    assert.ok(out.o3[0].payload.every((e: Msg) => typeof e.message === 'string' && e.message.length > 0));
    assert.deepEqual(out.o3[0].payload[3].record, { Id: 'z', Note: 'no key fields' });
    assert.deepEqual(out.o1[0].payload, [{ Id: 'ok', LastName: 'Lee' }]);
    assert.equal(out.o1[0].dedupe.errors, 4);
  });

  it('reports a bad configuration through the error path (Catch) with what to fix', async () => {
    await helper.load([nodeModule('dedupe'), catchNode] as never, flow({ matchThreshold: '3', reviewThreshold: '9' }));
    const got = collect(['o1', 'caught']);
    send(BATCH);
    const out = await got;
    assert.equal(out.o1.length, 0);
    assert.match(out.caught[0].error.message, /review threshold \(9\) must not be above the match threshold \(3\)/);
  });

  it('outputs golden records when merging', async () => {
    await helper.load([nodeModule('dedupe'), catchNode] as never, flow({ merge: true, mergeRule: 'mostComplete' }));
    const got = collect(['o1']);
    send(BATCH);
    const out = await got;
    const golden = out.o1[0].payload[0];
    assert.equal(golden.Id, '001');
    assert.equal(golden.Email, 'Bob.Smith+news@example.com', 'longest value survives');
    assert.equal(out.o1[0].clusters[0].golden.Id, '001');
  });

  it('has a catalog text for every error code, filled from its parameters', () => {
    const catalog = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'nodes', 'dedupe', 'locales', 'en-US', 'dedupe.json'), 'utf8'));
    const codes = ['NOT_A_LIST', 'EMPTY_BATCH', 'NOT_AN_OBJECT', 'WRONG_TYPE', 'VALUE_TOO_LONG', 'MISSING_KEY_FIELDS', 'BAD_ID', 'BAD_CONFIG', 'DEDUPE_INDEX_MISSING', 'DEDUPE_INDEX_FAILED'];
    for (const code of codes) assert.equal(typeof catalog.errors[code], 'string', code);
    assert.equal(
      translator(['dedupe'])('errors.WRONG_TYPE', { field: 'FirstName', type: 'array' }),
      'Field "FirstName" has type array; expected text, a number or a date.',
    );
    assert.equal(typeof catalog.common.errors.CONFIG_MISSING, 'string', 'shared strings merged in');
  });

  it('runs the example flow as its comment describes', async () => {
    const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'dedupe.json'), 'utf8')) as Msg[];
    const node = example.find((n) => n.type === 'crm-dedupe') as Msg;
    const inject = example.find((n) => n.type === 'inject') as Msg;
    // a node without a tab but with x/y would be taken for a config node
    const { z: _tab, x: _x, y: _y, ...settings } = node;
    await helper.load([nodeModule('dedupe'), catchNode] as never, flow({ ...settings, id: 'd1', wires: [['o1'], ['o2'], ['o3']] }));
    const got = collect(['o1', 'o2', 'o3']);
    send(JSON.parse(inject.payload));
    const out = await got;
    assert.deepEqual(out.o1[0].payload.map((r: Msg) => r.Id), ['003A1', '003A3', '003A5', '003A6', '003A7']);
    assert.deepEqual(out.o2[0].payload.map((d: Msg) => [d.id, d.matchedId]), [['003A2', '003A1'], ['003A4', '003A3']]);
    assert.deepEqual(out.o2[0].review.map((p: Msg) => [p.a.id, p.b.id]), [['003A5', '003A6']]);
    assert.deepEqual(out.o3[0].payload.map((e: Msg) => e.code), ['MISSING_KEY_FIELDS']);
  });

  describe('with the PostgreSQL index', () => {
    let db: PGlite;
    before(async () => {
      db = new PGlite();
      await db.exec(fs.readFileSync(MIGRATION, 'utf8'));
    });
    after(async () => {
      await db.close();
    });

    it('finds duplicates of an earlier batch stored in the database', async () => {
      const pg = fakePgConfig(async () => db);
      await helper.load([nodeModule('dedupe'), catchNode, pg] as never, [...flow({ index: 'pg', pgConfig: 'pg1', namespace: 'crm' }), { id: 'pg1', type: 'crm-pg-config' }]);
      let got = collect(['o1']);
      send(BATCH.slice(0, 1));
      await got;
      const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM crm_sync.dedupe_record WHERE namespace = 'crm'");
      assert.equal(rows.rows[0].n, 1);
      got = collect(['o1', 'o2']);
      send(BATCH.slice(1));
      const out = await got;
      assert.equal(out.o2[0].payload[0].matchedId, '001');
      assert.equal(out.o2[0].payload[0].matchedInIndex, true);
    });

    it('fails the message with a setup error when the tables are missing', async () => {
      const missing = Object.assign(new Error('relation "crm_sync.dedupe_block" does not exist'), { code: '42P01' });
      const pg = fakePgConfig(async () => ({ query: async () => Promise.reject(missing) }));
      await helper.load([nodeModule('dedupe'), catchNode, pg] as never, [...flow({ index: 'pg', pgConfig: 'pg1' }), { id: 'pg1', type: 'crm-pg-config' }]);
      const got = collect(['o1', 'caught']);
      send(BATCH);
      const out = await got;
      assert.equal(out.o1.length, 0);
      assert.match(out.caught[0].error.message, /dedupe index tables are missing.*run the package's database migrations/);
    });

    it('asks for a database configuration when none is selected', async () => {
      await helper.load([nodeModule('dedupe'), catchNode] as never, flow({ index: 'pg', pgConfig: '' }));
      const got = collect(['caught']);
      send(BATCH);
      const out = await got;
      assert.match(out.caught[0].error.message, /No crm-pg-config configuration is selected/);
    });
  });
});
