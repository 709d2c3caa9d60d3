import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startMondayTwin, type MondayTwinHandle } from '../../src/sandbox/monday';
import { postV2 } from '../helpers/monday-twin';

describe('monday twin: bad input of every kind', () => {
  let twin: MondayTwinHandle;
  const activity = async (body: string) => {
    const res = await fetch(`${twin.info.url}/__twin/activity`, { method: 'POST', body });
    return { status: res.status, body: (await res.json()) as any };
  };

  before(async () => {
    twin = await startMondayTwin({ leads: 2 });
  });
  after(() => twin.stop());

  it('answers an oversized body with 413 and keeps serving', async () => {
    const res = await fetch(`${twin.info.url}/v2`, { method: 'POST', headers: { Authorization: twin.info.token }, body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as any).errors[0].extensions.code, 'PAYLOAD_TOO_LARGE');
    assert.equal((await postV2(twin, '{ me { id } }')).status, 200);
  });

  it('answers unknown routes with 404', async () => {
    const res = await fetch(`${twin.info.url}/v1`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 404);
  });

  it('refuses variables of the wrong type and ambiguous operations', async () => {
    const wrong = await postV2(twin, 'query ($ids: [ID!]) { boards(ids: $ids) { id } }', { ids: [{ nested: true }] });
    assert.equal(wrong.status, 200);
    assert.equal(wrong.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    const two = await postV2(twin, 'query A { me { id } } query B { me { name } }');
    assert.equal(two.status, 400);
    assert.match(two.body.errors[0].message, /operation name/);
  });

  it('refuses malformed column_values JSON without creating anything', async () => {
    const before = twin.store.items.size;
    const res = await postV2(twin, 'mutation ($b: ID!) { create_item(board_id: $b, item_name: "x", column_values: "{oops") { id } }', { b: twin.info.leadsBoardId });
    assert.equal(res.body.data.create_item, null);
    assert.equal(res.body.errors[0].extensions.code, 'JsonParseException');
    assert.deepEqual(res.body.errors[0].path, ['create_item']);
    assert.equal(twin.store.items.size, before);
  });

  it('refuses create_webhook for unreachable or non-http URLs', async () => {
    const q = 'mutation ($b: ID!, $u: String!) { create_webhook(board_id: $b, url: $u, event: create_item) { id } }';
    const unreachable = await postV2(twin, q, { b: twin.info.leadsBoardId, u: 'http://127.0.0.1:1/hook' });
    assert.match(unreachable.body.errors[0].message, /Failed to communicate/);
    const ftp = await postV2(twin, q, { b: twin.info.leadsBoardId, u: 'ftp://example.com' });
    assert.equal(ftp.body.errors[0].extensions.code, 'InvalidArgumentException');
  });

  it('answers bad /__twin/activity requests with 400 and a code', async () => {
    assert.equal((await activity('{nope')).body.error.code, 'INVALID_JSON');
    assert.equal((await activity('{"action":"explode"}')).body.error.code, 'UNKNOWN_ACTION');
    assert.equal((await activity('{"action":"create_item","userId":1}')).body.error.code, 'UNKNOWN_USER');
    const bad = await activity(JSON.stringify({ action: 'create_item', boardId: twin.info.leadsBoardId, columnValues: { status: { label: 'Nope' } } }));
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'ColumnValueException');
  });
});

describe('monday twin: stop', () => {
  it('cancels pending webhook redeliveries and closes promptly', async () => {
    let hits = 0;
    const receiver = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const body = JSON.parse(raw);
        if (body.challenge) return res.writeHead(200, { 'Content-Type': 'application/json' }).end(raw);
        hits += 1;
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const twin = await startMondayTwin({ leads: 0, webhookRetryIntervalMs: 50, webhookRetryLimit: 100 });
    await postV2(twin, 'mutation ($b: ID!, $u: String!) { create_webhook(board_id: $b, url: $u, event: create_item) { id } }', { b: twin.info.leadsBoardId, u: url });
    await postV2(twin, 'mutation ($b: ID!) { create_item(board_id: $b, item_name: "x") { id } }', { b: twin.info.leadsBoardId });
    await twin.settle();
    const started = Date.now();
    await twin.stop();
    assert.ok(Date.now() - started < 1000);
    const afterStop = hits;
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(hits, afterStop, 'no redelivery after stop');
    await new Promise<void>((r) => receiver.close(() => r()));
  });
});
