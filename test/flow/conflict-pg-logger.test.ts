/**
 * conflict resolver → change (conflicts to payload) → split → change (entry to msg.crm) → pg logger:
 * every settled conflict becomes a sync_log row, in the embedded PGlite of a temporary user directory.
 */
import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import type { PgConfigNode } from '../../src/nodes/pg-config/types';
import { translatedModules } from '../helpers/catalog';
import { tempDir, waitFor } from '../helpers/postgres';
import { helper } from '../helpers/red';

type Msg = Record<string, any>;

const change = require(require.resolve('@node-red/nodes/core/function/15-change.js'));
const split = require(require.resolve('@node-red/nodes/core/sequence/17-split.js'));
const modules = () => [change, split, ...translatedModules(['pg-config', 'pg-logger', 'conflict-resolver'])];

const flow = [
  { id: 'tab', type: 'tab', label: 'conflicts to sync_log' },
  { id: 'pg', type: 'crm-pg-config', mode: 'embedded' },
  { id: 'r', type: 'crm-conflict-resolver', z: 'tab', strategy: 'lww', keyProperty: 'crm.key', wires: [['toPayload'], [], []] },
  {
    id: 'toPayload', type: 'change', z: 'tab',
    rules: [{ t: 'move', p: 'conflicts', pt: 'msg', to: 'payload', tot: 'msg' }],
    wires: [['each']],
  },
  { id: 'each', type: 'split', z: 'tab', splt: '\\n', spltType: 'str', arraySplt: 1, arraySpltType: 'len', stream: false, addname: '', wires: [['toCrm']] },
  {
    id: 'toCrm', type: 'change', z: 'tab',
    rules: [
      { t: 'set', p: 'crm', pt: 'msg', to: 'payload', tot: 'msg' },
      { t: 'set', p: 'crm.object', pt: 'msg', to: 'Contact', tot: 'str' },
    ],
    wires: [['log']],
  },
  { id: 'log', type: 'crm-pg-logger', z: 'tab', store: 'pg', logType: 'auto', direction: 'two-way', batchSize: 10, flushInterval: 50, wires: [['written'], ['rejected']] },
  { id: 'written', type: 'helper', z: 'tab' },
  { id: 'rejected', type: 'helper', z: 'tab' },
];

describe('flow: conflict resolver → split → pg logger', () => {
  const userDir = tempDir('crm-conflict-log-');
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
    helper.settings({ userDir: undefined });
    userDir.remove();
  });

  it('writes one sync_log row per settled conflict', async () => {
    helper.settings({ userDir: userDir.dir });
    await helper.load(modules() as never, flow);
    const written: Msg[] = [];
    const rejected: Msg[] = [];
    helper.getNode('written').on('input', (m: Msg) => written.push(m));
    helper.getNode('rejected').on('input', (m: Msg) => rejected.push(m));
    const snapshot = { Name: 'Ann', Phone: '111', Email: 'ann@x.io' };
    helper.getNode('r').receive({
      crm: { key: 'Contact:003A1' },
      snapshot,
      payload: {
        salesforce: { record: { ...snapshot, Phone: '222', Email: 'sf@x.io' }, modifiedAt: '2026-01-01T10:00:00Z' },
        monday: { record: { ...snapshot, Phone: '333', Email: 'mo@x.io' }, modifiedAt: '2026-01-01T11:00:00Z' },
      },
    });
    await waitFor(() => written.length + rejected.length === 2, 20_000, 'both conflicts logged');
    assert.deepEqual(rejected.map((m) => m.error), []);

    const store = await (helper.getNode('pg') as unknown as PgConfigNode).getStore();
    const rows = (await store.query<Msg>('SELECT * FROM crm_sync.sync_log ORDER BY id')).rows;
    assert.equal(rows.length, 2);
    const byField = Object.fromEntries(rows.map((row) => [row.payload.field, row]));
    for (const field of ['Email', 'Phone']) {
      const row = byField[field];
      assert.equal(row.status, 'success');
      assert.equal(row.event, 'conflict_resolved');
      assert.equal(row.system, 'monday', 'the winner: last write wins');
      assert.equal(row.object, 'Contact');
      assert.equal(row.record_id, 'Contact:003A1');
      assert.equal(row.direction, 'two-way', "the logger's default fills what the entry leaves open");
      assert.equal(row.node_id, 'log');
      assert.match(row.message, new RegExp(`^Contact:003A1 ${field}: monday won over salesforce`));
      assert.equal(row.payload.winner, 'monday');
      assert.deepEqual(Object.keys(row.payload.values).sort(), ['monday', 'salesforce']);
    }
  });
});
