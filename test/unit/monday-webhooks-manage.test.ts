import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MondayClient } from '../../src/connectors/monday';
import { ensureWebhooks, removeWebhooks, type ManagedTarget } from '../../src/nodes/monday-in/managed-webhooks';
import { LEDGER_FILE, ledgerFor } from '../../src/nodes/monday-in/webhook-ledger';
import { startMondayTwin, type MondayTwinHandle } from '../../src/sandbox/monday';

describe('monday in: managed webhooks survive restarts through the ledger file', () => {
  let twin: MondayTwinHandle;
  let echo: http.Server;
  let base = '';
  let userDir = '';
  const clients: MondayClient[] = [];

  before(async () => {
    twin = await startMondayTwin({ leads: 1, webhookTimeoutMs: 2_000 });
    // Answers every challenge, as the node's route does.
    echo = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(Buffer.concat(chunks)));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-monday-ledger-'));
  });
  after(async () => {
    for (const c of clients) c.close();
    await twin.stop();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
    fs.rmSync(userDir, { recursive: true, force: true });
  });

  /** A fresh client and ledger each time: what a restarted Node-RED has. */
  function target(props: Partial<ManagedTarget> = {}): ManagedTarget {
    const client = new MondayClient({ endpoint: twin.info.url, token: twin.info.token });
    clients.push(client);
    return { client, ledger: ledgerFor(userDir), nodeId: 'n1', endpoint: twin.info.url, boardId: twin.info.leadsBoardId, url: `${base}/hook?token=s3cret`, events: ['create_item', 'change_name'], ...props };
  }
  const ours = (url: string) => [...twin.store.webhooks.values()].filter((w) => w.url === url);

  it('creates once, reuses after a restart, replaces what changed, removes on delete', async () => {
    const first = await ensureWebhooks(target());
    assert.deepEqual(first.map((h) => h.event), ['create_item', 'change_name']);
    const saved = fs.readFileSync(path.join(userDir, LEDGER_FILE), 'utf8');
    assert.ok(!saved.includes('s3cret'), 'the URL token stays out of the file');

    const again = await ensureWebhooks(target());
    assert.deepEqual(again, first, 'nothing new after a restart');
    assert.equal(ours(`${base}/hook?token=s3cret`).length, 2);

    // A hook deleted in monday's UI is created again; one for a dropped event is deleted.
    await removeFromMonday(first[0].id);
    const next = await ensureWebhooks(target({ events: ['create_item'] }));
    assert.equal(next.length, 1);
    assert.notEqual(next[0].id, first[0].id);
    assert.deepEqual(ours(`${base}/hook?token=s3cret`).map((w) => w.event), ['create_item']);

    // A new URL moves the subscription: old hook deleted, new one created.
    const moved = await ensureWebhooks(target({ events: ['create_item'], url: `${base}/other` }));
    assert.equal(ours(`${base}/hook?token=s3cret`).length, 0);
    assert.deepEqual(ours(`${base}/other`).map((w) => w.id), moved.map((h) => h.id));

    assert.equal(await removeWebhooks(target()), 1);
    assert.equal(ours(`${base}/other`).length, 0);
    assert.equal(await removeWebhooks(target()), 0, 'nothing left to remove');
  });

  async function removeFromMonday(id: string): Promise<void> {
    const res = await fetch(`${twin.info.url}/v2`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: twin.info.token }, body: JSON.stringify({ query: 'mutation ($id: ID!) { delete_webhook(id: $id) { id } }', variables: { id } }) });
    assert.equal(res.status, 200);
  }
});
