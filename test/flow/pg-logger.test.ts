/**
 * inject → pg logger → helper, end to end through Node-RED against a real PostgreSQL (throwaway
 * database), the embedded PGlite (temporary user directory) and a database that is down.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import pg from 'pg';
import { openStore } from '../../src/connectors/postgres';
import { translatedModules } from '../helpers/catalog';
import { closedPort, createTempDatabase, tempDir, waitFor } from '../helpers/postgres';
import type { TempDatabase } from '../helpers/postgres';
import { helper } from '../helpers/red';

const inject = require(require.resolve('@node-red/nodes/core/common/20-inject.js'));
const modules = () => [inject, ...translatedModules(['pg-config', 'pg-logger'])];

/** Records a node's log calls on the instance itself: the helper's spies are gone while nodes close. */
function record(node: any): { error: string[]; warn: string[]; status: Array<{ fill?: string; text?: string }> } {
  const seen = { error: [] as string[], warn: [] as string[], status: [] as Array<{ fill?: string; text?: string }> };
  for (const m of ['error', 'warn'] as const) {
    const orig = node[m].bind(node);
    node[m] = (text: unknown, ...rest: unknown[]) => {
      seen[m].push(String(text));
      return orig(text, ...rest);
    };
  }
  const origStatus = node.status.bind(node);
  node.status = (s: { fill?: string; text?: string }) => {
    seen.status.push(s);
    return origStatus(s);
  };
  return seen;
}

const crm = { direction: 'salesforce→monday', system: 'salesforce', object: 'Contact', recordId: '003XYZ', externalId: '1234567', event: 'update', status: 'failed', message: 'Email is invalid', durationMs: 87 };

function flow(config: Record<string, unknown>, logger: Record<string, unknown> = {}) {
  return [
    { id: 'tab', type: 'tab', label: 'pg logger test' },
    { id: 'c1', type: 'crm-pg-config', z: '', ...config },
    {
      id: 'inj',
      type: 'inject',
      z: 'tab',
      props: [
        { p: 'payload', v: JSON.stringify({ Email: 'not-an-email', sessionId: 'abc123' }), vt: 'json' },
        { p: 'crm', v: JSON.stringify(crm), vt: 'json' },
      ],
      repeat: '',
      once: false,
      wires: [['log']],
    },
    { id: 'log', type: 'crm-pg-logger', z: 'tab', store: 'c1', batchSize: 10, flushInterval: 100, wires: [['written'], ['rejected']], ...logger },
    { id: 'written', type: 'helper', z: 'tab' },
    { id: 'rejected', type: 'helper', z: 'tab' },
  ];
}

function collect(id: string): any[] {
  const out: any[] = [];
  helper.getNode(id).on('input', (m: any) => out.push(m));
  return out;
}

function assertRow(row: Record<string, any>, started: number): void {
  assert.equal(row.flow_id, 'tab');
  assert.equal(row.node_id, 'log');
  assert.equal(row.direction, crm.direction);
  assert.equal(row.system, crm.system);
  assert.equal(row.object, crm.object);
  assert.equal(row.record_id, crm.recordId);
  assert.equal(row.external_id, crm.externalId);
  assert.equal(row.event, crm.event);
  assert.equal(row.status, 'failed');
  assert.equal(row.message, crm.message);
  assert.deepEqual(row.payload, { Email: 'not-an-email', sessionId: '[redacted]' });
  assert.equal(row.duration_ms, 87);
  assert.ok(row.time instanceof Date && row.time.getTime() >= started - 1000 && row.time.getTime() <= Date.now() + 1000, 'time is when the msg arrived');
}

describe('flow: inject → pg logger', () => {
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
  });

  describe('real PostgreSQL', () => {
    let db: TempDatabase;
    before(async () => {
      db = await createTempDatabase();
    });
    after(async () => {
      await db.drop();
    });

    it('writes the row field by field and passes the msg on', async () => {
      await helper.load(modules() as never, flow({ mode: 'server', host: db.host, port: db.port, database: db.name, user: db.user }), {});
      const written = collect('written');
      const started = Date.now();
      helper.getNode('inj').receive({});
      helper.getNode('inj').receive({});
      await waitFor(() => written.length === 2, 8000, 'msgs written');
      const check = new pg.Client({ connectionString: db.url });
      await check.connect();
      try {
        const rows = (await check.query('SELECT * FROM crm_sync.sync_log ORDER BY id')).rows;
        assert.equal(rows.length, 2);
        for (const row of rows) assertRow(row, started);
      } finally {
        await check.end();
      }
    });
  });

  describe('embedded PGlite in the user directory', () => {
    const userDir = tempDir('crm-userdir-');
    after(() => userDir.remove());

    it('creates <userDir>/crm-sync/pgdata, writes the row and keeps it after the flow stops', async () => {
      helper.settings({ userDir: userDir.dir });
      await helper.load(modules() as never, flow({ mode: 'embedded' }), {});
      const written = collect('written');
      const started = Date.now();
      helper.getNode('inj').receive({});
      await waitFor(() => written.length === 1, 60_000, 'msg written to the embedded database');
      // "Test connection" joins the open embedded database rather than opening the folder twice.
      const tested = await helper.request().post('/crm-pg-config/test').send({ id: 'c1', mode: 'embedded', dataDir: '' }).expect(200);
      assert.equal(tested.body.ok, true);
      assert.match(tested.body.version, /PGlite/);
      assert.deepEqual(tested.body.migrations.pending, []);
      assert.ok(tested.body.migrations.applied.includes('0001_sync_and_error_log'));
      await helper.unload();
      const store = await openStore({ kind: 'embedded', dataDir: path.join(userDir.dir, 'crm-sync', 'pgdata') });
      try {
        const rows = (await store.query<Record<string, any>>('SELECT * FROM crm_sync.sync_log')).rows;
        assert.equal(rows.length, 1);
        assertRow(rows[0], started);
      } finally {
        await store.close();
        helper.settings({ userDir: undefined });
      }
    });
  });

  describe('database down', () => {
    it('shows red status, reports once, retries, bounds the buffer, reports drops and losses, and Node-RED keeps running', async () => {
      const port = await closedPort();
      await helper.load(modules() as never, flow({ mode: 'server', host: '127.0.0.1', port, database: 'crm', user: 'crm' }, { batchSize: 2, maxBuffer: 3 }), {
        c1: { password: 'pw-should-never-show' },
      });
      const seen = record(helper.getNode('log'));
      const rejected = collect('rejected');
      for (let i = 0; i < 5; i += 1) helper.getNode('inj').receive({});
      await waitFor(() => rejected.length === 2, 5000, 'two msgs beyond the buffer on output 2');
      assert.deepEqual(
        rejected.map((m) => m.error.code),
        ['PG_LOG_BUFFER_FULL', 'PG_LOG_BUFFER_FULL'],
      );
      assert.match(rejected[0].error.message, /buffer is full \(3 rows are waiting/);

      const status = await waitFor(() => seen.status.find((s) => /retry in 2s/.test(s.text ?? '')), 6000, 'second retry');
      assert.equal(status!.fill, 'red');
      assert.equal(status!.text, "3 buffered, 2 dropped · retry in 2s · database unreachable");
      const errors = seen.error;
      assert.equal(errors.filter((e) => e.startsWith('Cannot write logs')).length, 1, 'one error per outage, not per retry');
      assert.match(errors.find((e) => e.startsWith('Cannot write logs'))!, new RegExp(`Cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}/crm .*ECONNREFUSED.*Rows are kept \\(3 buffered, limit 3\\)`));

      await helper.unload();
      const warnings = seen.warn;
      assert.ok(warnings.some((w) => w.startsWith('2 log rows dropped')), warnings.join('\n'));
      const final = seen.error;
      assert.ok(final.some((e) => e === '3 log rows could not be written before the node stopped (database unavailable) and are lost.'), final.join('\n'));
      const everything = JSON.stringify(seen);
      assert.ok(!everything.includes('pw-should-never-show'));

      // The runtime is unharmed: a new deployment runs normally.
      await helper.load(modules() as never, [{ id: 'inj2', type: 'inject', props: [{ p: 'payload', v: 'ok', vt: 'str' }], wires: [['h']] }, { id: 'h', type: 'helper' }]);
      const got = collect('h');
      helper.getNode('inj2').receive({});
      await waitFor(() => got[0]?.payload === 'ok', 2000, 'new flow works');
    });
  });
});
