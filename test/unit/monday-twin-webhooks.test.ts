import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { jwtVerify } from 'jose';
import { startMondayTwin, type MondayTwinHandle } from '../../src/sandbox/monday';
import { postV2 } from '../helpers/monday-twin';

interface Received {
  path: string;
  auth: string | undefined;
  body: any;
}

/** A webhook receiver: echoes challenges (unless told not to) and answers events with `eventStatus`. */
async function startReceiver() {
  const received: Received[] = [];
  const state: { echo: boolean; eventStatus: number; onEvent?: (path: string, body: any) => void } = { echo: true, eventStatus: 200 };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw);
      if (body.challenge !== undefined) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(state.echo ? { challenge: body.challenge } : { ok: true }));
        return;
      }
      received.push({ path: req.url!, auth: req.headers.authorization, body });
      state.onEvent?.(req.url!, body);
      res.writeHead(state.eventStatus).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, state, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for webhook deliveries');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('monday twin: webhooks', () => {
  let twin: MondayTwinHandle;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let board: string;
  const hook = async (event: string, path: string, config?: unknown) => {
    const res = await postV2(twin, 'mutation ($b: ID!, $u: String!, $e: WebhookEventType!, $c: JSON) { create_webhook(board_id: $b, url: $u, event: $e, config: $c) { id board_id event } }', {
      b: board, u: receiver.url + path, e: event, c: config === undefined ? null : JSON.stringify(config),
    });
    return res.body;
  };
  const events = (path: string) => receiver.received.filter((r) => r.path === path).map((r) => r.body.event);

  before(async () => {
    twin = await startMondayTwin({ leads: 3, webhookRetryIntervalMs: 40, webhookRetryLimit: 2 });
    receiver = await startReceiver();
    board = twin.info.leadsBoardId;
  });
  after(async () => {
    await twin.stop();
    await receiver.stop();
  });
  beforeEach(() => {
    receiver.state.echo = true;
    receiver.state.eventStatus = 200;
  });

  it('creates a webhook only when the URL echoes the challenge', async () => {
    const ok = await hook('create_item', '/created');
    assert.equal(ok.data.create_webhook.event, 'create_item');
    assert.equal(ok.data.create_webhook.board_id, board);
    receiver.state.echo = false;
    const refused = await hook('create_item', '/silent');
    assert.equal(refused.data.create_webhook, null);
    assert.match(refused.errors[0].message, /Failed to communicate with URL provided/);
    const listed = await postV2(twin, 'query ($b: ID!) { webhooks(board_id: $b) { id event } }', { b: board });
    assert.deepEqual(listed.body.data.webhooks.map((w: any) => w.event), ['create_item']);
  });

  it('delivers create_pulse with a JWT signed by the signing secret (aud = the URL)', async () => {
    const created = await postV2(twin, 'mutation ($b: ID!) { create_item(board_id: $b, item_name: "Hooked", group_id: "group_active", column_values: "{\\"company\\":\\"Acme\\"}") { id } }', { b: board });
    await twin.settle();
    const delivered = receiver.received.find((r) => r.path === '/created')!;
    const e = delivered.body.event;
    assert.equal(e.type, 'create_pulse');
    assert.equal(e.app, 'monday');
    assert.equal(e.pulseId, Number(created.body.data.create_item.id));
    assert.equal(e.pulseName, 'Hooked');
    assert.equal(e.groupId, 'group_active');
    assert.equal(e.groupName, 'Active');
    assert.equal(e.isTopGroup, false);
    assert.equal(e.boardId, Number(board));
    assert.equal(e.isRetry, false);
    assert.deepEqual(e.columnValues.company, { value: 'Acme' });
    assert.match(e.triggerUuid, /^[0-9a-f-]{36}$/);
    const { payload, protectedHeader } = await jwtVerify(delivered.auth!, new TextEncoder().encode(twin.info.signingSecret), { audience: `${receiver.url}/created` });
    assert.equal(protectedHeader.alg, 'HS256');
    assert.equal(payload.accountId, twin.info.accountId);
    assert.equal(payload.userId, Number(e.userId));
    assert.ok(typeof payload.exp === 'number' && typeof payload.iat === 'number');
    await assert.rejects(jwtVerify(delivered.auth!, new TextEncoder().encode('forged'), { audience: `${receiver.url}/created` }));
    const viaShortLived = await postV2(twin, '{ me { id } }', {}, { Authorization: String(payload.shortLivedToken) });
    assert.equal(viaShortLived.status, 200, 'the shortLivedToken is a usable API token');
  });

  it('delivers update_column_value with legacy column types and value shapes, for API writes and user activity', async () => {
    await hook('change_column_value', '/columns');
    const item = (await postV2(twin, 'query ($b: [ID!]) { boards(ids: $b) { items_page(limit: 1) { items { id } } } }', { b: [board] })).body.data.boards[0].items_page.items[0].id;
    await postV2(twin, 'mutation ($b: ID!, $i: ID!) { change_multiple_column_values(board_id: $b, item_id: $i, column_values: "{\\"status\\":{\\"label\\":\\"Lost\\"}}") { id } }', { b: board, i: item });
    const res = await fetch(`${twin.info.url}/__twin/activity`, {
      method: 'POST', body: JSON.stringify({ action: 'change_column_value', boardId: board, itemId: item, columnId: 'owner', value: { personsAndTeams: [{ id: 54012347, kind: 'person' }] } }),
    });
    assert.equal(res.status, 200);
    // The same value again is no change: no second event.
    await postV2(twin, 'mutation ($b: ID!, $i: ID!) { change_multiple_column_values(board_id: $b, item_id: $i, column_values: "{\\"status\\":{\\"label\\":\\"Lost\\"}}") { id } }', { b: board, i: item });
    await twin.settle();
    assert.equal(events('/columns').length, 2);
    const status = events('/columns').find((e) => e.columnId === 'status');
    const owner = events('/columns').find((e) => e.columnId === 'owner');
    assert.equal(status.type, 'update_column_value');
    assert.equal(status.columnType, 'color');
    assert.equal(status.columnId, 'status');
    assert.equal(status.columnTitle, 'Status');
    assert.deepEqual(status.value.label, { index: 4, text: 'Lost', style: { color: '#e2445c', border: '#ce3048', var_name: 'red-shadow' }, is_done: false });
    assert.equal(status.value.post_id, null);
    assert.equal(typeof status.previousValue.label.text, 'string');
    assert.equal(typeof status.changedAt, 'number');
    assert.equal(owner.columnType, 'multiple-person');
    assert.deepEqual(owner.value.personsAndTeams, [{ id: 54012347, kind: 'person' }]);
    assert.equal(owner.userId, 54012346, 'user activity is by a person, not the API user');
    assert.notEqual(status.userId, owner.userId);
  });

  it('a person saving several columns at once: one event per column, all columns changed before the first is sent', async () => {
    await hook('change_column_value', '/saved');
    const item = (await postV2(twin, 'mutation ($b: ID!) { create_item(board_id: $b, item_name: "Saved") { id } }', { b: board })).body.data.create_item.id;
    const seen: string[][] = [];
    receiver.state.onEvent = (path, body) => {
      if (path === '/saved' && body.event.pulseId === Number(item)) seen.push(['company', 'salesforce_id'].map((c) => twin.store.items.get(item)!.values.get(c)?.text ?? ''));
    };
    const act = (body: unknown) => fetch(`${twin.info.url}/__twin/activity`, { method: 'POST', body: JSON.stringify(body) });
    const res = await act({ action: 'change_multiple_column_values', boardId: board, itemId: item, columnValues: { company: 'Initech', salesforce_id: '00Q000000000002' } });
    assert.equal(res.status, 200);
    await twin.settle();
    receiver.state.onEvent = undefined;
    const saved = events('/saved').filter((e) => e.pulseId === Number(item));
    assert.deepEqual(saved.map((e) => [e.columnId, e.value.value, e.userId]), [['company', 'Initech', 54012346], ['salesforce_id', '00Q000000000002', 54012346]]);
    assert.deepEqual(seen, [['Initech', '00Q000000000002'], ['Initech', '00Q000000000002']]);
    const missing = await act({ action: 'change_multiple_column_values', boardId: board, itemId: item });
    assert.equal(missing.status, 400);
    assert.equal(((await missing.json()) as any).error.code, 'MISSING_FIELD');
  });

  it('delivers update_name, archive_pulse, delete_pulse and create_update; change_specific_column_value filters by column', async () => {
    await hook('change_name', '/names');
    await hook('item_archived', '/archived');
    await hook('item_deleted', '/deleted');
    await hook('create_update', '/updates');
    await hook('change_specific_column_value', '/company', { columnId: 'company' });
    const specific = await hook('change_specific_column_value', '/nocfg');
    assert.equal(specific.errors[0].extensions.code, 'InvalidArgumentException');
    const made = (await postV2(twin, 'mutation ($b: ID!) { a: create_item(board_id: $b, item_name: "Old") { id } d: create_item(board_id: $b, item_name: "Gone") { id } }', { b: board })).body.data;
    const act = (body: unknown) => fetch(`${twin.info.url}/__twin/activity`, { method: 'POST', body: JSON.stringify(body) });
    await act({ action: 'change_name', boardId: board, itemId: made.a.id, name: 'New' });
    await act({ action: 'change_column_value', boardId: board, itemId: made.a.id, columnId: 'company', value: 'Globex' });
    await act({ action: 'change_column_value', boardId: board, itemId: made.a.id, columnId: 'salesforce_id', value: '00Q000000000001' });
    await act({ action: 'create_update', itemId: made.a.id, body: '<p>Hi</p>' });
    await postV2(twin, 'mutation ($a: ID!, $d: ID!) { archive_item(item_id: $a) { id } delete_item(item_id: $d) { id } }', { a: made.a.id, d: made.d.id });
    await twin.settle();
    assert.deepEqual(events('/names').map((e) => [e.type, e.value, e.previousValue]), [['update_name', { name: 'New' }, { name: 'Old' }]]);
    assert.deepEqual(events('/company').map((e) => [e.columnId, e.value]), [['company', { value: 'Globex' }]]);
    assert.deepEqual(events('/updates').map((e) => [e.type, e.textBody]), [['create_update', 'Hi']]);
    assert.deepEqual(events('/archived').map((e) => [e.type, e.itemId, e.itemName]), [['archive_pulse', Number(made.a.id), 'New']]);
    assert.deepEqual(events('/deleted').map((e) => [e.type, e.itemId, e.itemName]), [['delete_pulse', Number(made.d.id), 'Gone']]);
    const bad = await act({ action: 'change_column_value', boardId: board, itemId: made.d.id, columnId: 'company', value: 'x' });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as any).error.code, 'InvalidItemIdException');
  });

  it('creates subitems and delivers subitem events, subscribed on the parent board, with parentItemId and parentItemBoardId', async () => {
    await hook('create_subitem', '/subitems');
    await hook('change_subitem_column_value', '/subcolumns');
    const parent = (await postV2(twin, 'mutation ($b: ID!) { create_item(board_id: $b, item_name: "Parent") { id } }', { b: board })).body.data.create_item.id;
    const made = await postV2(twin, 'mutation ($p: ID!) { create_subitem(parent_item_id: $p, item_name: "Child", column_values: "{\\"status\\":{\\"label\\":\\"Done\\"}}") { id board { id name } parent_item { id } } }', { p: parent });
    const sub = made.body.data.create_subitem;
    assert.equal(sub.parent_item.id, parent);
    assert.equal(sub.board.name, 'Subitems of Leads');
    const listed = await postV2(twin, 'query ($i: [ID!]) { items(ids: $i) { subitems { id name } } }', { i: [parent] });
    assert.deepEqual(listed.body.data.items[0].subitems, [{ id: sub.id, name: 'Child' }]);
    await fetch(`${twin.info.url}/__twin/activity`, { method: 'POST', body: JSON.stringify({ action: 'change_column_value', boardId: sub.board.id, itemId: sub.id, columnId: 'status', value: { label: 'Stuck' } }) });
    await twin.settle();
    const [created] = events('/subitems');
    assert.equal(created.type, 'create_pulse');
    assert.equal(created.pulseName, 'Child');
    assert.equal(created.boardId, Number(sub.board.id));
    assert.equal(created.parentItemId, parent);
    assert.equal(created.parentItemBoardId, board);
    const [changed] = events('/subcolumns');
    assert.equal(changed.type, 'update_column_value');
    assert.equal(changed.value.label.text, 'Stuck');
    assert.equal(changed.parentItemId, parent);
    assert.equal(events('/columns').filter((e) => e.pulseId === Number(sub.id)).length, 0, 'parent-board column hooks ignore subitems');
  });

  it('redelivers failed events at the retry interval up to the limit, with isRetry and the same triggerUuid', async () => {
    await hook('create_item', '/flaky');
    receiver.state.eventStatus = 500;
    await postV2(twin, 'mutation ($b: ID!) { create_item(board_id: $b, item_name: "Retry me") { id } }', { b: board });
    await until(() => events('/flaky').length >= 3);
    await new Promise((r) => setTimeout(r, 150));
    const attempts = events('/flaky');
    assert.equal(attempts.length, 3, 'one delivery and two retries');
    assert.deepEqual(attempts.map((e) => e.isRetry), [false, true, true]);
    assert.equal(new Set(attempts.map((e) => e.triggerUuid)).size, 1);
    const records = twin.stats().webhookDeliveries.filter((d) => d.triggerUuid === attempts[0].triggerUuid);
    assert.deepEqual(records.map((d) => [d.attempt, d.ok, d.status]), [[0, false, 500], [1, false, 500], [2, false, 500]]);
  });

  it('stops redelivering once the receiver succeeds, and deletes webhooks', async () => {
    const created = await hook('create_item', '/recovers');
    receiver.state.eventStatus = 503;
    await postV2(twin, 'mutation ($b: ID!) { create_item(board_id: $b, item_name: "Eventually") { id } }', { b: board });
    await until(() => events('/recovers').length >= 1);
    receiver.state.eventStatus = 200;
    await until(() => events('/recovers').length >= 2);
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(events('/recovers').length, 2);
    const del = await postV2(twin, 'mutation ($id: ID!) { delete_webhook(id: $id) { id } }', { id: created.data.create_webhook.id });
    assert.equal(del.body.data.delete_webhook.id, created.data.create_webhook.id);
    await postV2(twin, 'mutation ($b: ID!) { create_item(board_id: $b, item_name: "Unheard") { id } }', { b: board });
    await twin.settle();
    assert.equal(events('/recovers').length, 2);
  });
});
