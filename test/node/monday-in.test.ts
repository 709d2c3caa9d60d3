import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { startMondayTwin, type MondayTwinHandle } from '../../src/sandbox/monday';
import { translatedModules } from '../helpers/catalog';
import { helper } from '../helpers/red';

type Msg = { payload: any; crm: any; monday?: any };
type TestNode = { on(e: string, f: (...a: any[]) => void): void; receive(msg: unknown): void };

/** The node modules, plus a handle on the RED they were given (for RED.httpNode). */
function modules(red: { current?: { httpNode: http.RequestListener } }) {
  return translatedModules(['monday-config', 'monday-in']).map((mod) => (r: never) => {
    red.current = r;
    return (mod as (r: never) => unknown)(r);
  });
}

const until = async (cond: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cond(), 'timed out waiting');
};

describe('crm-monday-in', () => {
  let twin: MondayTwinHandle;
  let server: http.Server | undefined;
  before(async () => {
    twin = await startMondayTwin({ leads: 1_100 });
  });
  afterEach(async () => {
    await helper.unload();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });
  after(async () => {
    await twin.stop();
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
  });

  async function load(props: Record<string, unknown>, creds: Record<string, string> = {}, signingSecret = twin.info.signingSecret) {
    const red: { current?: { httpNode: http.RequestListener } } = {};
    const flow = [
      { id: 'acc', type: 'crm-monday-config', endpoint: twin.info.url },
      { id: 'in', type: 'crm-monday-in', account: 'acc', mode: 'read', boardId: twin.info.leadsBoardId, pageSize: 500, wires: [['sink']], ...props },
      { id: 'sink', type: 'helper' },
    ];
    await helper.load(modules(red) as never, flow, { acc: { token: twin.info.token, signingSecret }, in: creds });
    const got: Msg[] = [];
    (helper.getNode('sink') as unknown as TestNode).on('input', (m: Msg) => got.push(m));
    server = http.createServer(red.current!.httpNode);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { got, node: helper.getNode('in') as unknown as TestNode, base };
  }

  it('reads a board one message per page, values decoded per column type', async () => {
    const { got, node } = await load({});
    node.receive({ topic: 'leads' });
    await until(() => got.some((m) => m.crm.last));
    assert.deepEqual(got.map((m) => m.payload.length), [500, 500, 100]);
    assert.deepEqual(got.map((m) => m.crm.last), [false, false, true]);
    assert.equal(got[2].crm.total, 1_100);
    const lead = got[0].payload[0];
    assert.equal(typeof lead.columns.deal_value === 'number' || lead.columns.deal_value === null, true);
    assert.ok(['Follow-up', 'Quote', 'MOU', 'Qualified', 'Lost', null].includes(lead.columns.status));
    assert.ok(got.every((m) => (m as unknown as { topic: string }).topic === 'leads'));
  });

  it('reads one group with query_params from the message', async () => {
    const { got, node } = await load({ pageSize: 100 });
    node.receive({ groupId: 'group_closed', queryParams: { rules: [{ column_id: 'status', compare_value: ['Lost'], operator: 'any_of' }] } });
    await until(() => got.some((m) => m.crm.last));
    const items = got.flatMap((m) => m.payload);
    assert.ok(items.length > 0 && items.every((i: { columns: { status: string }; groupId: string }) => i.columns.status === 'Lost' && i.groupId === 'group_closed'));
  });

  async function signed(base: string, body: unknown, secret = twin.info.signingSecret, aud = `${base}/monday/hook`) {
    const jwt = await new SignJWT({ accountId: 1, userId: 2 }).setProtectedHeader({ alg: 'HS256' }).setAudience(aud).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(secret));
    return fetch(`${base}/monday/hook`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: jwt }, body: JSON.stringify(body) });
  }

  const statusEvent = (uuid: string) => ({
    event: {
      app: 'monday', type: 'update_column_value', triggerTime: '2026-11-25T10:00:00Z', subscriptionId: 1, isRetry: false, userId: 54012346, originalTriggerUuid: null,
      boardId: 1800000001, triggerUuid: uuid, pulseId: 1800000010, pulseName: 'Lead', groupId: 'topics', columnId: 'status', columnType: 'color', columnTitle: 'Status',
      value: { label: { index: 1, text: 'Quote', style: {}, is_done: false }, post_id: null }, previousValue: { label: { index: 0, text: 'Follow-up', style: {}, is_done: false }, post_id: null }, changedAt: 1764064800.5,
    },
  });

  it('answers the challenge, refuses forged, unsigned, malformed and oversize deliveries, and emits a redelivered event once', async () => {
    const { got, base } = await load({ mode: 'webhook', path: '/monday/hook' });
    const challenge = await fetch(`${base}/monday/hook`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ challenge: 'abc' }) });
    assert.deepEqual(await challenge.json(), { challenge: 'abc' });
    assert.equal((await signed(base, statusEvent('forged'), 'not-the-secret')).status, 401);
    const unsigned = await fetch(`${base}/monday/hook`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(statusEvent('unsigned')) });
    assert.equal(unsigned.status, 401);
    assert.equal((await signed(base, statusEvent('wrong-aud'), twin.info.signingSecret, 'https://elsewhere.example/hook')).status, 200, 'no public URL set: audience not checked');
    const malformed = await fetch(`${base}/monday/hook`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"event": ' });
    assert.equal(malformed.status, 400);
    const huge = await fetch(`${base}/monday/hook`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(1_100_000) }) });
    assert.equal(huge.status, 413);
    got.length = 0;
    for (let i = 0; i < 5; i += 1) assert.equal((await signed(base, statusEvent('same-uuid'))).status, 200);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(got.length, 1);
    const e = got[0].crm;
    assert.deepEqual([e.event, e.boardId, e.itemId, e.columnId, e.columnType, e.value, e.previousValue, e.subitem], ['update', '1800000001', '1800000010', 'status', 'status', 'Quote', 'Follow-up', false]);
    assert.equal(got[0].payload, 'Quote');
  });

  it('checks the JWT audience against the public URL when set, and refuses expired tokens', async () => {
    const { got, base } = await load({ mode: 'webhook', path: '/monday/hook', publicUrl: 'https://crm.example.com/monday/hook' });
    assert.equal((await signed(base, statusEvent('a1'))).status, 401);
    assert.equal((await signed(base, statusEvent('a2'), twin.info.signingSecret, 'https://crm.example.com/monday/hook')).status, 200);
    await until(() => got.length === 1);
    const expired = await new SignJWT({ accountId: 1 }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(Math.floor(Date.now() / 1000) - 600).setExpirationTime(Math.floor(Date.now() / 1000) - 300).sign(new TextEncoder().encode(twin.info.signingSecret));
    const res = await fetch(`${base}/monday/hook`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: expired }, body: JSON.stringify(statusEvent('late')) });
    assert.equal(res.status, 401);
    assert.equal(got.length, 1);
  });

  it('accepts personal-token webhooks by ?token= and refuses a wrong one', async () => {
    const { got, base } = await load({ mode: 'webhook', path: '/monday/hook' }, { urlToken: 's3cret-url-token' }, '');
    const post = (q: string) => fetch(`${base}/monday/hook${q}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(statusEvent(`t${q}`)) });
    assert.equal((await post('?token=wrong')).status, 401);
    assert.equal((await post('')).status, 401);
    assert.equal((await post('?token=s3cret-url-token')).status, 200);
    await until(() => got.length === 1);
  });

  it('normalizes every event type the twin delivers, people and subitems included', async () => {
    const { got, base } = await load({ mode: 'webhook', path: '/monday/hook' });
    const board = twin.info.leadsBoardId;
    const gql = (query: string, variables: Record<string, unknown>) =>
      fetch(`${twin.info.url}/v2`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: twin.info.token }, body: JSON.stringify({ query, variables }) }).then((r) => r.json() as Promise<any>);
    for (const event of ['create_item', 'change_column_value', 'change_name', 'item_archived', 'item_deleted', 'create_subitem']) {
      const res = await gql('mutation ($b: ID!, $u: String!, $e: WebhookEventType!) { create_webhook(board_id: $b, url: $u, event: $e) { id } }', { b: board, u: `${base}/monday/hook`, e: event });
      assert.ok(res.data?.create_webhook?.id, JSON.stringify(res.errors));
    }
    const activity = (body: Record<string, unknown>) => fetch(`${twin.info.url}/__twin/activity`, { method: 'POST', body: JSON.stringify({ boardId: board, ...body }) }).then((r) => r.json() as Promise<any>);
    const created = await activity({ action: 'create_item', name: 'Webhook lead', columnValues: { status: { label: 'Quote' } } });
    const itemId = created.item.id;
    await activity({ action: 'change_column_value', itemId, columnId: 'owner', value: { personsAndTeams: [{ id: 54012347, kind: 'person' }] } });
    await activity({ action: 'change_name', itemId, name: 'Renamed by hand' });
    await gql('mutation ($p: ID!) { create_subitem(parent_item_id: $p, item_name: "Sub") { id } }', { p: itemId });
    await activity({ action: 'archive_item', itemId });
    await twin.settle();
    await until(() => got.length >= 5);
    const kinds = got.map((m) => m.crm.event);
    assert.deepEqual(kinds.slice(0, 3), ['create', 'update', 'rename']);
    const people = got[1].crm;
    assert.equal(people.columnType, 'people');
    assert.deepEqual(people.value, [{ id: 54012347, kind: 'person' }]);
    assert.deepEqual([got[2].crm.value, got[2].crm.previousValue], ['Renamed by hand', 'Webhook lead']);
    const sub = got.find((m) => m.crm.subitem);
    assert.ok(sub, 'a subitem event is flagged');
    assert.equal(sub!.crm.parentItemId, itemId);
    assert.ok(kinds.includes('archive'));
  });

  it('maps restore and move events, and removes its route on close', async () => {
    const { got, base } = await load({ mode: 'webhook', path: '/monday/hook' });
    const envelope = { app: 'monday', boardId: 1800000001, userId: 1, isRetry: false, originalTriggerUuid: null };
    await signed(base, { event: { ...envelope, type: 'restore_pulse', triggerUuid: 'r1', itemId: 5, itemName: 'x' } });
    await signed(base, { event: { ...envelope, type: 'move_pulse_into_group', triggerUuid: 'm1', pulseId: 5, destGroupId: 'group_closed' } });
    await until(() => got.length === 2);
    assert.deepEqual(got.map((m) => [m.crm.event, m.crm.itemId]), [['restore', '5'], ['move', '5']]);
    assert.equal(got[1].crm.groupId, 'group_closed');
    await helper.unload();
    const res = await signed(base, { event: { ...envelope, type: 'restore_pulse', triggerUuid: 'r2', itemId: 5 } });
    assert.equal(res.status, 404);
  });
});
