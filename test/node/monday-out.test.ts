import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { startMondayTwin, type MondayTwinHandle } from '../../src/sandbox/monday';
import { translatedModules } from '../helpers/catalog';
import { helper } from '../helpers/red';

type Out = { payload: any; error?: any; crm?: any };
type TestNode = { on(e: string, f: (...a: any[]) => void): void; receive(msg: unknown): void };

const modules = () => translatedModules(['monday-config', 'monday-out']);

describe('crm-monday-out', () => {
  let twin: MondayTwinHandle;
  before(async () => {
    twin = await startMondayTwin({ leads: 5 });
  });
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await twin.stop();
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
  });

  async function load(props: Record<string, unknown>) {
    const flow = [
      { id: 'acc', type: 'crm-monday-config', endpoint: twin.info.url, apiVersion: '2026-10', budget: 10_000_000 },
      { id: 'out', type: 'crm-monday-out', account: 'acc', boardId: twin.info.leadsBoardId, operation: 'create', wires: [['ok'], ['bad']], ...props },
      { id: 'ok', type: 'helper' },
      { id: 'bad', type: 'helper' },
    ];
    await helper.load(modules() as never, flow, { acc: { token: twin.info.token } });
    const ok: Out[] = [];
    const bad: Out[] = [];
    (helper.getNode('ok') as unknown as TestNode).on('input', (m: Out) => ok.push(m));
    (helper.getNode('bad') as unknown as TestNode).on('input', (m: Out) => bad.push(m));
    const out = helper.getNode('out') as unknown as TestNode;
    const errors: Error[] = [];
    const statuses: string[] = [];
    out.on('call:error', (call: { args: unknown[] }) => errors.push(call.args[0] as Error));
    out.on('call:status', (call: { args: Array<{ text?: string }> }) => statuses.push(call.args[0].text ?? ''));
    return { ok, bad, out, errors, statuses };
  }

  const until = async (cond: () => boolean, ms = 5_000) => {
    const end = Date.now() + ms;
    while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    assert.ok(cond(), 'timed out waiting');
  };

  it('creates items by column id or title, one result per item, failures with monday codes on output 2', async () => {
    const { ok, bad, out, statuses } = await load({});
    out.receive({
      payload: [
        { name: 'Ada', columns: { Status: 'Quote', email: 'ada@example.com', deal_value: '1200', close_date: '2026-12-01' } },
        { name: 'Bad label', columns: { status: 'No such label' } },
        { name: 'Bad column', columns: { nope: 1 } },
        { columns: {} },
        { name: 'Alan', groupId: 'group_active', columns: { owner: [54012346] } },
      ],
    });
    await until(() => ok.length + bad.length === 5);
    assert.deepEqual(ok.map((m) => m.payload.name), ['Ada', 'Alan']);
    assert.deepEqual(bad.map((m) => [m.crm.index, m.error.code]), [[1, 'MONDAY_COLUMN_VALUE_INVALID'], [2, 'MONDAY_COLUMN_NOT_FOUND'], [3, 'INVALID_INPUT']]);
    assert.match(bad[0].error.message, /^monday refuses this value for a status column: This status label doesn't exist/);
    assert.match(bad[1].error.message, /no such column on the board \(Board \d+ has no column "nope"\)\. Check the column id or title/);
    assert.equal(bad[0].payload.name, 'Bad label', 'the failed input comes out unchanged');
    const ada = [...twin.store.items.values()].find((i) => i.name === 'Ada')!;
    assert.equal(ada.values.get('status')?.text, 'Quote');
    assert.equal(ada.values.get('deal_value')?.text, '1200');
    assert.equal([...twin.store.items.values()].find((i) => i.name === 'Alan')!.groupId, 'group_active');
    assert.ok(statuses.some((s) => /2 ok, 3 failed/.test(s)), statuses.join(' | '));
  });

  it('sends many items in few requests', async () => {
    const { ok, out } = await load({});
    twin.resetStats();
    out.receive({ payload: Array.from({ length: 120 }, (_, i) => ({ name: `Batch ${i}`, columns: { deal_value: i } })) });
    await until(() => ok.length === 120);
    assert.ok(twin.stats().requests <= 4, `requests: ${twin.stats().requests}`);
  });

  it('changes several columns, renames, posts updates, archives and deletes', async () => {
    const item = [...twin.store.items.values()].find((i) => i.boardId === twin.info.leadsBoardId && i.state === 'active')!;
    for (const [operation, payload] of [
      ['change', { itemId: item.id, columns: { status: 'Qualified', company: 'Acme' } }],
      ['rename', { itemId: item.id, name: 'Renamed lead' }],
      ['update', { itemId: item.id, body: 'Called, very interested' }],
      ['archive', { itemId: item.id }],
    ] as const) {
      const { ok, bad, out } = await load({ operation });
      out.receive({ payload });
      await until(() => ok.length + bad.length === 1);
      assert.equal(bad.length, 0, JSON.stringify(bad[0]?.error));
      await helper.unload();
    }
    assert.equal(item.values.get('status')?.text, 'Qualified');
    assert.equal(item.values.get('company')?.text, 'Acme');
    assert.equal(item.name, 'Renamed lead');
    assert.equal(item.state, 'archived');
    const { ok, bad, out } = await load({ operation: 'delete' });
    out.receive({ payload: [{ itemId: item.id }, { itemId: '999999' }, { itemId: 'abc' }] });
    await until(() => ok.length + bad.length === 3);
    assert.deepEqual(bad.map((m) => m.error.code), ['MONDAY_NOT_FOUND', 'INVALID_INPUT']);
    assert.equal(bad[0].error.mondayCode, 'InvalidItemIdException');
  });

  it('fails the message with a clear error for an unknown board', async () => {
    const { ok, bad, out, errors } = await load({ boardId: '424242' });
    out.receive({ payload: { name: 'x' } });
    await until(() => errors.length === 1);
    assert.match(errors[0].message, /does not know this board|424242/);
    assert.equal(ok.length + bad.length, 0);
  });

  it('reports a rejected token on the node without leaking it', async () => {
    const flow = [
      { id: 'acc', type: 'crm-monday-config', endpoint: twin.info.url },
      { id: 'out', type: 'crm-monday-out', account: 'acc', boardId: twin.info.leadsBoardId, operation: 'create', wires: [[], []] },
    ];
    await helper.load(modules() as never, flow, { acc: { token: 'wrong-token-value' } });
    const errors: Error[] = [];
    (helper.getNode('out') as unknown as TestNode).on('call:error', (call: { args: unknown[] }) => errors.push(call.args[0] as Error));
    (helper.getNode('out') as unknown as TestNode).receive({ payload: { name: 'x' } });
    await until(() => errors.length === 1);
    assert.match(errors[0].message, /refused the API token/);
    assert.ok(!errors[0].message.includes('wrong-token-value'));
  });
});

describe('crm-monday-out when monday stops answering partway', () => {
  it('loses no item: written ones on output 1, the rest on output 2, and the node reports the error', async () => {
    // Three calls a day: the board's columns and two batches of 50; the third batch is refused.
    const twin = await startMondayTwin({ leads: 1, dailyCallLimit: 3 });
    try {
      const flow = [
        { id: 'acc', type: 'crm-monday-config', endpoint: twin.info.url },
        { id: 'out', type: 'crm-monday-out', account: 'acc', boardId: twin.info.leadsBoardId, operation: 'create', wires: [['ok'], ['bad']] },
        { id: 'ok', type: 'helper' },
        { id: 'bad', type: 'helper' },
      ];
      await helper.load(modules() as never, flow, { acc: { token: twin.info.token } });
      const ok: Out[] = [];
      const bad: Out[] = [];
      const errors: Error[] = [];
      (helper.getNode('ok') as unknown as TestNode).on('input', (m: Out) => ok.push(m));
      (helper.getNode('bad') as unknown as TestNode).on('input', (m: Out) => bad.push(m));
      (helper.getNode('out') as unknown as TestNode).on('call:error', (call: { args: unknown[] }) => errors.push(call.args[0] as Error));
      (helper.getNode('out') as unknown as TestNode).receive({ payload: Array.from({ length: 130 }, (_, i) => ({ name: `Lead ${i}` })) });
      const end = Date.now() + 5_000;
      while (errors.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      assert.equal(ok.length, 100);
      assert.equal(bad.length, 30);
      assert.ok(bad.every((m) => m.error.code === 'MONDAY_DAILY_LIMIT' && m.error.sent === false));
      assert.deepEqual(bad.map((m) => m.crm.index), Array.from({ length: 30 }, (_, i) => 100 + i));
      assert.match(errors[0].message, /daily API call limit/);
    } finally {
      await helper.unload();
      await twin.stop();
    }
  });
});
