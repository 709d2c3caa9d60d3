import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import pg from 'pg';
import { translatedModules } from '../helpers/catalog';
import { createTempDatabase, waitFor } from '../helpers/postgres';
import type { TempDatabase } from '../helpers/postgres';
import { helper } from '../helpers/red';

type Msg = Record<string, any>;
type TestNode = { on(event: string, cb: (arg: any) => void): void; receive(msg: Msg): void };
type Spy = { lastCall?: { args: any[] } };

const modules = () => translatedModules(['pg-config', 'id-map']);

describe('crm-id-map', () => {
  let db: TempDatabase;
  let check: pg.Pool;
  const configNode = () => ({ id: 'c1', type: 'crm-pg-config', mode: 'server', host: db.host, port: db.port, database: db.name, user: db.user, poolSize: 2 });

  async function load(props: Record<string, unknown> = {}): Promise<void> {
    await helper.load(modules() as never, [
      configNode(),
      { id: 'm', type: 'crm-id-map', store: 'c1', system: 'monday', ...props, wires: [['out1'], ['out2']] },
      { id: 'out1', type: 'helper' },
      { id: 'out2', type: 'helper' },
    ]);
  }

  /** Sends one msg; resolves with what each output sent, or rejects with the node's done(err). */
  function exchange(msg: Msg): Promise<{ out1?: Msg; out2?: Msg }> {
    const node = helper.getNode('m') as unknown as TestNode;
    return new Promise((resolve, reject) => {
      const got: { out1?: Msg; out2?: Msg } = {};
      const settle = () => setImmediate(() => resolve(got));
      for (const id of ['out1', 'out2'] as const) {
        (helper.getNode(id) as unknown as TestNode).on('input', (m: Msg) => {
          got[id] = m;
          settle();
        });
      }
      node.on('call:error', (call: { args: any[] }) => call.args[1] && reject(call.args[0]));
      node.receive(msg);
    });
  }

  const status = () => ((helper.getNode('m') as unknown as Record<string, Spy>).status.lastCall?.args[0] ?? {}) as { fill?: string; text?: string };

  before(async () => {
    db = await createTempDatabase('crm_idmap_node');
    check = new pg.Pool({ connectionString: db.url, max: 1 });
  });
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
    await check.end();
    await db.drop();
  });

  it('without a database configuration: red status at deploy and every msg fails through done(err)', async () => {
    await helper.load(modules() as never, [{ id: 'm', type: 'crm-id-map', wires: [[], []] }]);
    assert.equal(status().fill, 'red');
    const node = helper.getNode('m') as unknown as TestNode;
    const failed = new Promise<any>((resolve) => node.on('call:error', (call: { args: any[] }) => call.args[1] && resolve(call.args[0])));
    node.receive({ idMap: { salesforce: 'a', monday: 1 } });
    const err = await failed;
    assert.equal(err.code, 'CONFIG_MISSING');
    assert.equal(err.message, 'No crm-pg-config configuration is selected: open the node and pick or add one.');
  });

  it('links, relinks idempotently, joins a link and replaces an id, counting in the status', async () => {
    await load();
    const first = await exchange({ idMap: { salesforce: '00QA', monday: 1001 }, topic: 'kept' });
    assert.equal(first.out2, undefined);
    const linkId = first.out1?.idMap.linkId;
    assert.equal(typeof linkId, 'number');
    assert.deepEqual(first.out1?.idMap, { entity: 'lead', linkId, monday: '1001', salesforce: '00QA' });
    assert.equal(first.out1?.topic, 'kept', 'the input msg travels on');

    const again = await exchange({ idMap: { monday: '1001', salesforce: '00QA' } });
    assert.deepEqual(again.out1?.idMap, first.out1?.idMap);
    const rows = await check.query('SELECT count(*)::int AS n FROM crm_sync.id_map');
    assert.equal(rows.rows[0].n, 2);

    const joined = await exchange({ idMap: { monday: 1001, hubspot: 'h1' } });
    assert.deepEqual(joined.out1?.idMap, { entity: 'lead', linkId, hubspot: 'h1', monday: '1001', salesforce: '00QA' });

    const replaced = await exchange({ idMap: [{ salesforce: '00QB', monday: 1001 }] });
    assert.deepEqual(replaced.out1?.idMap, [{ entity: 'lead', linkId, hubspot: 'h1', monday: '1001', salesforce: '00QB', replaced: { salesforce: '00QA' } }]);
    assert.deepEqual(status(), { fill: 'green', shape: 'dot', text: '4 linked · 0 found · 0 missing · 0 unlinked' });
  });

  it('sends refused entries to output 2 with msg.errors, and the valid rest to output 1', async () => {
    await load();
    await exchange({ idMap: [{ salesforce: '00QC', monday: 2001 }, { salesforce: '00QD', monday: 2002 }] });
    const entries = [{ salesforce: '00QC', monday: 2002 }, { salesforce: '00QE', monday: 2003 }, 'nonsense', { salesforce: '00QF' }];
    const got = await exchange({ idMap: entries });
    assert.deepEqual(
      got.out1?.idMap.map((e: Msg) => e.salesforce),
      ['00QE'],
    );
    assert.deepEqual(got.out2?.idMap, [entries[0], entries[2], entries[3]]);
    assert.deepEqual(
      got.out2?.errors.map((e: Msg) => [e.index, e.code]),
      [
        [0, 'ID_MAP_CONFLICT'],
        [2, 'ID_MAP_BAD_ENTRY'],
        [3, 'ID_MAP_TOO_FEW_IDS'],
      ],
    );
    assert.match(got.out2?.errors[0].message, /^Entry 0: its ids belong to different links \(salesforce 00QC in link \d+; monday 2002 in link \d+\); unlink one of them first\.$/);
    assert.equal(got.out2?.errors[2].message, 'Entry 3 has 1 id(s): a link needs the ids of at least 2 systems.');
    assert.notEqual(got.out1, got.out2, 'each output has its own msg');
    const s = status();
    assert.equal(s.fill, 'yellow');
    assert.equal(s.text?.endsWith('· 3 refused'), true, s.text);
  });

  it('looks up a single id (found → output 1, missing → output 2) and a batch (one msg, aligned), with msg.action', async () => {
    await load({ action: 'link' });
    const { out1 } = await exchange({ idMap: { salesforce: '00QL', monday: 3001 } });
    const linkId = out1?.idMap.linkId;

    const found = await exchange({ action: 'lookup', crm: { itemId: 3001 } });
    assert.deepEqual(found.out1?.idMap, { entity: 'lead', linkId, found: true, monday: '3001', salesforce: '00QL' });
    const missing = await exchange({ action: 'lookup', crm: { itemId: '9999' } });
    assert.equal(missing.out1, undefined);
    assert.deepEqual(missing.out2?.idMap, { entity: 'lead', found: false, monday: '9999' });

    const batch = await exchange({ action: 'lookup', crm: { itemId: ['9999', 3001] } });
    assert.equal(batch.out2, undefined);
    assert.deepEqual(batch.out1?.idMap, [
      { entity: 'lead', found: false, monday: '9999' },
      { entity: 'lead', linkId, found: true, monday: '3001', salesforce: '00QL' },
    ]);
    assert.equal(status().text, '1 linked · 2 found · 2 missing · 0 unlinked');
  });

  it('reads the id from the configured typed input', async () => {
    await load({ action: 'lookup', system: 'salesforce', idFrom: 'payload.Id', idFromType: 'msg' });
    const got = await exchange({ payload: { Id: 'none' } });
    assert.deepEqual(got.out2?.idMap, { entity: 'lead', found: false, salesforce: 'none' });
  });

  it('unlinks the whole link of an id; unlinking again finds nothing', async () => {
    await load({ action: 'unlink' });
    const linked = await exchange({ action: 'link', idMap: { salesforce: '00QU', monday: 4001 } });
    const removed = await exchange({ crm: { itemId: 4001 } });
    assert.deepEqual(removed.out1?.idMap, { ...linked.out1?.idMap, found: true });
    const again = await exchange({ crm: { itemId: 4001 } });
    assert.deepEqual(again.out2?.idMap, { entity: 'lead', found: false, monday: '4001' });
    const rows = await check.query("SELECT count(*)::int AS n FROM crm_sync.id_map WHERE record_id IN ('00QU', '4001')");
    assert.equal(rows.rows[0].n, 0);
  });

  it('fails bad input through done(err) with the catalog message and a red status', async () => {
    await load({ action: 'link' });
    await assert.rejects(exchange({ idMap: 'x' }), {
      code: 'ID_MAP_NO_ENTRIES',
      message: 'msg.idMap must be an object such as {"salesforce": "00Q…", "monday": 123} or a list of them, got "x".',
    });
    assert.equal(status().fill, 'red');
    await assert.rejects(exchange({ action: 'lookup' }), { code: 'ID_MAP_NO_ID', message: 'No id in msg.crm.itemId: set it to a monday id (a string or number) or a list of them.' });
    await assert.rejects(exchange({ action: 'lookup', crm: { itemId: { id: 1 } } }), { code: 'ID_MAP_BAD_ID' });
  });

  it('reports a lookup without a System at deploy', async () => {
    await load({ action: 'lookup', system: '' });
    await waitFor(() => status().fill === 'red', 2000, 'red status');
    assert.equal(status().text?.startsWith('The action lookup needs the node'), true, status().text);
  });
});
