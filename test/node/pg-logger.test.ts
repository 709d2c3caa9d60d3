import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import pg from 'pg';
import { translatedModules } from '../helpers/catalog';
import { createTempDatabase, waitFor } from '../helpers/postgres';
import type { TempDatabase } from '../helpers/postgres';
import { helper } from '../helpers/red';

const modules = () => translatedModules(['pg-config', 'pg-logger']);

type Spy = { lastCall?: { args: any[] }; getCalls(): Array<{ args: any[] }>; callCount: number };
const spyOf = (node: unknown, method: string): Spy => (node as Record<string, Spy>)[method];

describe('crm-pg-logger', () => {
  let db: TempDatabase;
  let check: pg.Pool;
  const configNode = () => ({ id: 'c1', type: 'crm-pg-config', mode: 'server', host: db.host, port: db.port, database: db.name, user: db.user, poolSize: 2 });

  before(async () => {
    db = await createTempDatabase();
    check = new pg.Pool({ connectionString: db.url, max: 1 });
  });
  beforeEach(async () => {
    await check.query('DROP SCHEMA IF EXISTS crm_sync CASCADE');
  });
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
    await check.end();
    await db.drop();
  });

  it('without a config node: red status, a clear error, and every msg fails through done(err)', async () => {
    await helper.load(modules() as never, [{ id: 'l1', type: 'crm-pg-logger', wires: [[], []] }]);
    const logger = helper.getNode('l1');
    assert.equal(spyOf(logger, 'status').lastCall?.args[0].fill, 'red');
    assert.equal(spyOf(logger, 'error').lastCall?.args[0], 'No crm-pg-config configuration is selected: open the node and pick or add one.');
    const errored = new Promise<any[]>((resolve) => logger.on('call:error', (call: { args: any[] }) => call.args[1] && resolve(call.args)));
    logger.receive({ payload: 1 });
    const [err, msg] = await errored;
    assert.equal(err.code, 'CONFIG_MISSING');
    assert.equal(msg.payload, 1);
  });

  it('batches by count into one INSERT, sends each msg on after its row is committed, and shows the count', async () => {
    const flow = [
      configNode(),
      { id: 'l1', type: 'crm-pg-logger', store: 'c1', system: 'salesforce', object: 'Contact', direction: 'sf→monday', event: 'upsert', batchSize: 3, flushInterval: 60000, wires: [['out'], ['bad']] },
      { id: 'out', type: 'helper' },
      { id: 'bad', type: 'helper' },
    ];
    await helper.load(modules() as never, flow);
    const logger = helper.getNode('l1');
    const out: any[] = [];
    helper.getNode('out').on('input', (m: any) => out.push(m));
    for (let i = 1; i <= 3; i += 1) logger.receive({ payload: { Id: `00${i}`, password: 'pw' }, crm: { recordId: `00${i}`, status: i === 2 ? 'skipped' : undefined } });
    await waitFor(() => out.length === 3, 8000, 'three msgs on output 1');
    const rows = await check.query('SELECT record_id, system, object, direction, event, status, payload, node_id, count(*) OVER (PARTITION BY xmin::text) AS same_tx FROM crm_sync.sync_log ORDER BY id');
    assert.deepEqual(
      rows.rows.map((r) => [r.record_id, r.system, r.object, r.direction, r.event, r.status, r.node_id, Number(r.same_tx)]),
      [
        ['001', 'salesforce', 'Contact', 'sf→monday', 'upsert', 'success', 'l1', 3],
        ['002', 'salesforce', 'Contact', 'sf→monday', 'upsert', 'skipped', 'l1', 3],
        ['003', 'salesforce', 'Contact', 'sf→monday', 'upsert', 'success', 'l1', 3],
      ],
    );
    assert.deepEqual(rows.rows[0].payload, { Id: '001', password: '[redacted]' });
    assert.deepEqual(
      out.map((m) => m.crm.recordId),
      ['001', '002', '003'],
    );
    const status = await waitFor(() => {
      const s = spyOf(logger, 'status').lastCall?.args[0];
      return s?.text === '3 written' ? s : undefined;
    }, 2000, 'status 3 written');
    assert.deepEqual(status, { fill: 'green', shape: 'dot', text: '3 written' });
  });

  it('flushes the buffer when stopped: rows are in the database after unload', async () => {
    const flow = [configNode(), { id: 'l1', type: 'crm-pg-logger', store: 'c1', batchSize: 100, flushInterval: 60000, wires: [[], []] }];
    await helper.load(modules() as never, flow);
    const logger = helper.getNode('l1');
    await waitFor(() => spyOf(logger, 'status').lastCall?.args[0].fill === 'green', 5000, 'connected');
    for (let i = 0; i < 5; i += 1) logger.receive({ payload: i, crm: { recordId: i } });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await check.query('SELECT count(*)::int AS n FROM crm_sync.sync_log')).rows[0].n, 0, 'still buffered');
    await helper.unload();
    const rows = await check.query('SELECT record_id, payload FROM crm_sync.sync_log ORDER BY id');
    assert.deepEqual(
      rows.rows.map((r) => [r.record_id, r.payload]),
      [0, 1, 2, 3, 4].map((i) => [String(i), i]),
    );
  });

  it('writes Catch-node messages to error_log and refuses a bad msg.crm without writing anything', async () => {
    const flow = [configNode(), { id: 'l1', type: 'crm-pg-logger', store: 'c1', batchSize: 1, wires: [[], []] }];
    await helper.load(modules() as never, flow);
    const logger = helper.getNode('l1');
    const errored = new Promise<any[]>((resolve) => logger.on('call:error', (call: { args: any[] }) => call.args[1] && resolve(call.args)));
    logger.receive({ payload: 'x', crm: { status: 'done' } });
    const [err] = await errored;
    assert.equal(err.code, 'INVALID_INPUT');
    assert.match(err.message, /msg\.crm\.status must be one of success, failed, skipped, got "done"/);

    logger.receive({ payload: { apiKey: 'k-123' }, error: { message: 'monday said 429', code: 'MONDAY_RATE_LIMIT', source: { id: 'm1', type: 'crm-monday-out', name: 'push' }, stack: 'Error: monday said 429' } });
    const row = await waitFor(async () => (await check.query("SELECT * FROM crm_sync.error_log").catch(() => ({ rows: [] }))).rows[0], 5000, "error_log row");
    assert.equal(row.node_id, 'm1');
    assert.equal(row.node_type, 'crm-monday-out');
    assert.equal(row.error_code, 'MONDAY_RATE_LIMIT');
    assert.equal(row.message, 'monday said 429');
    assert.deepEqual(row.msg.payload, { apiKey: '[redacted]' });
    assert.equal((await check.query('SELECT count(*)::int AS n FROM crm_sync.sync_log')).rows[0].n, 0);
  });
});
