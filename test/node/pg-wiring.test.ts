/**
 * The real crm-pg-config with its data clients, crm-dedupe (index in PostgreSQL) and
 * crm-conflict-resolver (snapshots in PostgreSQL), against the embedded PGlite in a temporary user
 * directory and against a throwaway PostgreSQL database: migrations applied by the config node,
 * state kept across redeploys, and the pool kept open until a client's last query has finished.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { PgConfigNode } from '../../src/nodes/pg-config/types';
import { translatedModules } from '../helpers/catalog';
import { createTempDatabase, tempDir, waitFor } from '../helpers/postgres';
import type { TempDatabase } from '../helpers/postgres';
import { helper } from '../helpers/red';

type Msg = Record<string, any>;
type Status = { fill?: string; text?: string };

const catchNode = require('@node-red/nodes/core/common/25-catch.js');
const modules = () => [catchNode, ...translatedModules(['pg-config', 'dedupe', 'conflict-resolver'])];

const FIELDS = [
  { field: 'firstName', key: 'FirstName' },
  { field: 'lastName', key: 'LastName' },
  { field: 'email', key: 'Email' },
  { field: 'phone', key: 'Phone' },
];
const ROBERT = { Id: '001', FirstName: 'Robert', LastName: 'Smith', Email: 'bob.smith@example.com', Phone: '(312) 555-0101' };
const ALICE = { Id: '003', FirstName: 'Alice', LastName: 'Jones', Email: 'alice@example.org' };
const BOB = { Id: '002', FirstName: 'Bob', LastName: 'Smith', Email: 'Bob.Smith+news@example.com', Phone: '312.555.0101' };
const base = { Name: 'Ann', Phone: '111', Email: 'ann@x.io' };

function flow(config: Msg): Msg[] {
  return [
    { id: 'tab', type: 'tab', label: 'pg wiring' },
    { id: 'pg', type: 'crm-pg-config', ...config },
    {
      id: 'd1', type: 'crm-dedupe', z: 'tab', profile: 'contact', fields: FIELDS, property: 'payload', idKey: 'Id', defaultCountry: 'US',
      stripPlusTag: true, gmailDots: true, index: 'pg', pgConfig: 'pg', namespace: 'wiring', maxBlockSize: 40, version: 1,
      wires: [['unique'], ['dups'], ['bad']],
    },
    { id: 'r', type: 'crm-conflict-resolver', z: 'tab', strategy: 'lww', keyProperty: 'crm.key', pgConfig: 'pg', wires: [['resolved'], ['bad'], ['echo']] },
    { id: 'caught', type: 'catch', z: 'tab', scope: null, uncaught: false, wires: [['errors']] },
    ...['unique', 'dups', 'bad', 'resolved', 'echo', 'errors'].map((id) => ({ id, type: 'helper', z: 'tab' })),
  ];
}

/** What arrives on the helper nodes, and the status and errors of the two data nodes (kept on the instances). */
function watch(): { got: Record<string, Msg[]>; status: Record<string, Status[]>; errors: string[] } {
  const got: Record<string, Msg[]> = {};
  for (const id of ['unique', 'dups', 'bad', 'resolved', 'echo', 'errors']) {
    got[id] = [];
    helper.getNode(id).on('input', (m: Msg) => got[id].push(m));
  }
  const status: Record<string, Status[]> = { d1: [], r: [] };
  const errors: string[] = [];
  for (const id of ['d1', 'r']) {
    const node = helper.getNode(id) as any;
    // what the node showed at deploy, from the test helper's spy
    status[id].push(...node.status.getCalls().map((c: any) => c.args[0]));
    const origStatus = node.status.bind(node);
    node.status = (s: Status) => {
      status[id].push(s);
      return origStatus(s);
    };
    const origError = node.error.bind(node);
    node.error = (text: unknown, ...rest: unknown[]) => {
      errors.push(String(text));
      return origError(text, ...rest);
    };
  }
  return { got, status, errors };
}

async function deploy(config: Msg): Promise<ReturnType<typeof watch>> {
  await helper.load(modules() as never, flow(config));
  return watch();
}

const store = () => (helper.getNode('pg') as unknown as PgConfigNode).getStore();

function backend(name: string, setup: () => Promise<{ config: Msg; timeoutMs: number }>, teardown: () => Promise<void>): void {
  describe(name, () => {
    let config: Msg;
    let timeoutMs: number;
    before(async () => {
      ({ config, timeoutMs } = await setup());
    });
    after(teardown);

    it('applies the dedupe and snapshot migrations; dedupe finds duplicates of a batch from an earlier deploy', async () => {
      let w = await deploy(config);
      helper.getNode('d1').receive({ payload: [ROBERT, ALICE] });
      await waitFor(() => w.got.unique.length === 1 || w.got.errors.length > 0, timeoutMs, 'first batch');
      assert.deepEqual(w.got.errors.map((m) => m.error.message), []);
      assert.deepEqual(w.got.unique[0].payload.map((r: Msg) => r.Id), ['001', '003']);
      const migrations = (await (await store()).query<{ id: string }>('SELECT id FROM crm_sync.schema_migrations')).rows.map((r) => r.id);
      assert.ok(migrations.includes('0100_dedupe_index') && migrations.includes('0200_snapshots'), migrations.join(', '));
      // Connected at deploy: the connection status went by, the node's own status is back once connected.
      const atDeploy = w.status.d1.map((x) => x.text);
      assert.equal(atDeploy[0], 'connecting to the database…', atDeploy.join(' | '));
      assert.ok(atDeploy.includes('ready (index in PostgreSQL)'), atDeploy.join(' | '));
      assert.deepEqual(w.status.d1.at(-1), { fill: 'green', shape: 'dot', text: '2 in: 2 unique, 0 dup, 0 review, 0 errors' });
      assert.deepEqual(w.status.r.at(-1), { fill: 'green', shape: 'dot', text: 'ready: snapshots in PostgreSQL' });

      await helper.unload();
      w = await deploy(config);
      helper.getNode('d1').receive({ payload: [BOB] });
      await waitFor(() => w.got.dups.length === 1 || w.got.errors.length > 0, timeoutMs, 'second batch');
      const dup = w.got.dups[0].payload[0];
      assert.equal(dup.id, '002');
      assert.equal(dup.matchedId, '001');
      assert.equal(dup.matchedInIndex, true, 'matched against the index written by the first deploy');
      assert.deepEqual(w.errors, []);
    });

    it('a batch still running when the flow stops finishes before the config node closes the pool', async () => {
      const w = await deploy(config);
      const batch = Array.from({ length: 200 }, (_, i) => ({ Id: `S${i}`, FirstName: `First${i}`, LastName: `Last${i}`, Email: `p${i}@example.com` }));
      helper.getNode('d1').receive({ payload: batch });
      await waitFor(() => w.status.d1.some((s) => s.fill === 'blue'), timeoutMs, 'batch started');
      await helper.unload();
      assert.deepEqual(w.errors, [], 'no query hit a closed pool');
      await helper.load(modules() as never, flow(config));
      const rows = await (await store()).query<{ n: number }>("SELECT count(*)::int AS n FROM crm_sync.dedupe_record WHERE namespace = 'wiring' AND record_id LIKE 'S%'");
      assert.equal(rows.rows[0].n, 200, 'the whole batch was indexed');
    });

    it('conflict resolver: the stored snapshot is the base of the next message, and an echo is recognised after a redeploy', async () => {
      let w = await deploy(config);
      const crm = { key: `Contact:${name}` };
      const r = helper.getNode('r');
      r.receive({ crm, payload: { salesforce: { ...base }, monday: { ...base } } });
      await waitFor(() => w.got.resolved.length === 1 || w.got.errors.length > 0, timeoutMs, 'first message');
      assert.equal(w.got.resolved[0].crm.snapshotSource, 'none');
      // Each side changed a different field since the stored snapshot: three-way, no conflict, each gets the other's change.
      r.receive({ crm, payload: { salesforce: { ...base, Phone: '222' }, monday: { ...base, Email: 'ann@new.io' } } });
      await waitFor(() => w.got.resolved.length === 2 || w.got.errors.length > 0, timeoutMs, 'second message');
      const second = w.got.resolved[1];
      assert.equal(second.crm.snapshotSource, 'store');
      assert.equal(second.crm.mode, 'three-way');
      assert.deepEqual(second.conflicts, []);
      assert.deepEqual(second.payload, { Name: 'Ann', Phone: '222', Email: 'ann@new.io' });
      assert.deepEqual(second.patches, { monday: { Phone: '222' }, salesforce: { Email: 'ann@new.io' } });
      assert.deepEqual(w.status.r.at(-1), { fill: 'green', shape: 'dot', text: '2 resolved, 0 conflicts, 0 echoes, 0 bad (pg)' });

      await helper.unload();
      w = await deploy(config);
      // monday reports back what we wrote to it: our own write, not a change.
      helper.getNode('r').receive({ crm, payload: { monday: { Name: 'Ann', Phone: '222', Email: 'ann@new.io' } } });
      await waitFor(() => w.got.echo.length === 1 || w.got.resolved.length > 0 || w.got.errors.length > 0, timeoutMs, 'echo');
      assert.deepEqual(w.got.echo[0].crm.echo, ['monday']);
      assert.equal(w.got.echo[0].crm.snapshotSource, 'store');
      const rows = await (await store()).query<{ system: string }>('SELECT system FROM crm_sync.record_snapshot WHERE entity_key = $1 ORDER BY system', [crm.key]);
      assert.deepEqual(rows.rows.map((x) => x.system), ['monday', 'salesforce']);
      assert.deepEqual(w.errors, []);
    });
  });
}

describe('crm-pg-config with crm-dedupe and crm-conflict-resolver', () => {
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
  });

  const userDir = tempDir('crm-wiring-');
  backend(
    'embedded PGlite in the user directory',
    async () => {
      helper.settings({ userDir: userDir.dir });
      return { config: { mode: 'embedded' }, timeoutMs: 60_000 };
    },
    async () => {
      helper.settings({ userDir: undefined });
      userDir.remove();
    },
  );

  let db: TempDatabase;
  backend(
    'PostgreSQL server',
    async () => {
      db = await createTempDatabase();
      return { config: { mode: 'server', host: db.host, port: db.port, database: db.name, user: db.user, tls: 'off' }, timeoutMs: 10_000 };
    },
    () => db.drop(),
  );
});
