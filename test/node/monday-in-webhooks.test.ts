import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { startMondayTwin, type MondayTwinHandle } from '../../src/sandbox/monday';
import { translatedModules } from '../helpers/catalog';
import { postV2 } from '../helpers/monday-twin';
import { helper } from '../helpers/red';

type Msg = { payload: any; crm: any };
type TestNode = { on(e: string, f: (...a: any[]) => void): void; status(s: unknown): void; error(m: unknown): void };

const until = async (cond: () => boolean, ms = 8_000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cond(), 'timed out waiting');
};

describe('crm-monday-in: manage webhooks', () => {
  let twin: MondayTwinHandle;
  let server: http.Server;
  let base = '';
  const red: { current?: { httpNode: http.RequestListener } } = {};
  let seq = 0;
  const modules = translatedModules(['monday-config', 'monday-in']).map((mod) => (r: never) => {
    red.current = r;
    return (mod as (r: never) => unknown)(r);
  });

  before(async () => {
    twin = await startMondayTwin({ leads: 3, webhookTimeoutMs: 2_000 });
    // Listening before the flow starts, as Node-RED's own server is: monday's challenge needs an answer at deploy.
    // /elsewhere stands for another integration's endpoint: it answers the challenge like any monday webhook.
    server = http.createServer((req, res) => {
      if (req.url === '/elsewhere') {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(Buffer.concat(chunks)));
      } else if (red.current) red.current.httpNode(req, res);
      else res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await twin.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
  });

  const board = () => twin.info.leadsBoardId;
  const hooksOn = (url?: string) => [...twin.store.webhooks.values()].filter((w) => w.boardId === board() && (!url || w.url === url));
  const creds = () => ({ acc: { token: twin.info.token, signingSecret: twin.info.signingSecret } });

  function flowOf(id: string, props: Record<string, unknown> = {}) {
    return [
      { id: 'acc', type: 'crm-monday-config', endpoint: twin.info.url },
      { id, type: 'crm-monday-in', account: 'acc', mode: 'webhook', path: `/monday/${id}`, manageWebhooks: true, baseUrl: `${base}/`, boardId: board(), events: ['create_item', 'change_name', 'item_archived'], wires: [['sink']], ...props },
      { id: 'sink', type: 'helper' },
    ];
  }

  /** Loads the flow and records the node's status texts and errors from the start. */
  async function load(props: Record<string, unknown> = {}) {
    const id = `in${(seq += 1)}`;
    const flow = flowOf(id, props);
    await helper.load(modules as never, flow, creds());
    return { id, flow, ...watch(id) };
  }

  function watch(id: string) {
    const node = helper.getNode(id) as unknown as TestNode;
    const statuses: string[] = [];
    const errors: string[] = [];
    const status = node.status.bind(node);
    node.status = (s: unknown) => {
      statuses.push(String((s as { text?: string }).text ?? ''));
      status(s);
    };
    node.error = (m: unknown) => errors.push(String(m));
    const got: Msg[] = [];
    (helper.getNode('sink') as unknown as TestNode).on('input', (m: Msg) => got.push(m));
    return { statuses, errors, got };
  }

  const activity = (body: Record<string, unknown>) =>
    fetch(`${twin.info.url}/__twin/activity`, { method: 'POST', body: JSON.stringify({ boardId: board(), ...body }) }).then((r) => r.json() as Promise<any>);

  it('creates the missing webhooks on deploy, and activity arrives through them as messages', async () => {
    const handMade = await postV2(twin, 'mutation ($b: ID!, $u: String!) { create_webhook(board_id: $b, url: $u, event: create_item) { id } }', { b: board(), u: `${base}/elsewhere` });
    const { id, statuses, got, errors } = await load();
    const url = `${base}/monday/${id}`;
    await until(() => statuses.includes(`listening on /monday/${id}, 3 webhooks`));
    assert.deepEqual(hooksOn(url).map((w) => w.event).sort(), ['change_name', 'create_item', 'item_archived']);
    const created = await activity({ action: 'create_item', name: 'Hooked lead' });
    await activity({ action: 'change_name', itemId: created.item.id, name: 'Hooked lead 2' });
    await activity({ action: 'archive_item', itemId: created.item.id });
    await activity({ action: 'create_update', itemId: created.item.id, body: 'not subscribed' });
    await twin.settle();
    await until(() => got.length >= 3);
    assert.deepEqual(got.map((m) => m.crm.event), ['create', 'rename', 'archive']);
    assert.equal(got[1].payload, 'Hooked lead 2');
    assert.deepEqual(errors, []);
    // Webhooks the node did not create stay.
    assert.ok(twin.store.webhooks.has(String(handMade.body.data.create_webhook.id)));
  });

  it('keeps its webhooks on redeploy without duplicating them, and deletes them when the node is deleted', async () => {
    const { id, flow, statuses } = await load();
    const url = `${base}/monday/${id}`;
    await until(() => statuses.some((s) => s.endsWith('3 webhooks')));
    const ids = hooksOn(url).map((w) => w.id).sort();
    assert.equal(ids.length, 3);

    await helper.setFlows(flow as never, 'full', creds() as never);
    const again = watch(id);
    await until(() => again.statuses.some((s) => s.endsWith('3 webhooks')));
    assert.deepEqual(hooksOn(url).map((w) => w.id).sort(), ids, 'same webhooks, none added');

    // Dropping an event on redeploy deletes just that webhook.
    const fewer = flowOf(id, { events: ['create_item', 'change_name'] });
    await helper.setFlows(fewer as never, 'full', creds() as never);
    const third = watch(id);
    await until(() => third.statuses.some((s) => s.endsWith('2 webhooks')));
    assert.deepEqual(hooksOn(url).map((w) => w.event).sort(), ['change_name', 'create_item']);

    // Deleting the node (a full deploy without it) closes it with removed=true.
    await helper.setFlows(fewer.filter((n) => n.id !== id) as never, 'full', creds() as never);
    await until(() => hooksOn(url).length === 0);
  });

  it('reports monday\'s challenge failure in red and keeps the route listening', async () => {
    const { id, statuses, errors } = await load({ baseUrl: `${base}/nowhere` });
    await until(() => errors.length > 0);
    assert.match(errors[0], /Failed to communicate with URL provided\./);
    assert.match(errors[0], new RegExp(`board ${board()}`));
    assert.equal(statuses.at(-1), 'webhooks not set up (see debug)');
    assert.equal(hooksOn(`${base}/nowhere/monday/${id}`).length, 0);
    const challenge = await fetch(`${base}/monday/${id}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ challenge: 'still-up' }) });
    assert.deepEqual(await challenge.json(), { challenge: 'still-up' });
  });

  it('reports a refused token and incomplete settings without touching monday', async () => {
    const before = twin.store.webhooks.size;
    // Settings are checked as the node starts, before anything is sent to monday.
    const { id: badId } = await load({ baseUrl: 'ftp://x' });
    const logged = (helper.log().args as Array<[{ id?: string; level?: number; msg?: unknown }]>).map(([e]) => e).filter((e) => e.id === badId && e.level === 20);
    assert.match(String(logged[0]?.msg), /public base URL/);
    await helper.unload();
    const id = `in${(seq += 1)}`;
    await helper.load(modules as never, flowOf(id), { acc: { token: 'wrong-token', signingSecret: twin.info.signingSecret } });
    const { errors } = watch(id);
    await until(() => errors.length > 0);
    assert.ok(!errors[0].includes('wrong-token'), 'the token stays out of the message');
    assert.match(errors[0], /Could not set up the monday webhooks/);
    assert.equal(twin.store.webhooks.size, before);
  });
});
