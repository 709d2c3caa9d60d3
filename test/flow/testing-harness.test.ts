/**
 * The flow test harness users get as @crm-sync/node-red-crm-sync/testing, loaded the way they load it
 * (the package export, i.e. the built dist/testing), against the shipped example "Sync logs and alerts"
 * and against a small flow written inline, as a user would.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type * as Testing from '../../src/testing';
import { ADMIN_URL } from '../helpers/postgres';

const { startFlowTest, loadFlow } = require('@crm-sync/node-red-crm-sync/testing') as typeof Testing;

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('flow test harness: the "Sync logs and alerts" example', () => {
  let t: Testing.FlowTest;
  before(async () => {
    t = await startFlowTest({ flow: 'Sync logs and alerts' });
  });
  after(async () => {
    await t?.stop();
  });

  it('starts only the twins the flow uses and points the config nodes at them', () => {
    assert.deepEqual(Object.keys(t.twins), ['telegram']);
    const bot = t.flow.find((n) => n.type === 'crm-telegram-config')!;
    assert.equal(bot.baseUrl, t.sandbox!.telegram!.url);
    assert.ok(!('credentials' in bot), 'credentials are not exposed on t.flow');
    const db = t.flow.find((n) => n.type === 'crm-pg-config')!;
    assert.equal(db.mode, 'embedded');
    assert.ok(fs.existsSync(`${t.userDir}/crm-sync/pgdata`), 'the embedded database lives in the temporary user directory');
  });

  it('logs a synced lead to sync_log and a malformed webhook to error_log and Telegram', async () => {
    await t.inject('lead synced');
    await t.inject('malformed webhook body');
    await t.idle();

    const synced = await t.rows('sync_log');
    assert.equal(synced.length, 1);
    assert.equal(synced[0].status, 'success');
    assert.equal(synced[0].record_id, '00Q000000000001');
    assert.equal(synced[0].payload.token, '[redacted]', 'secrets in the payload are redacted');
    assert.deepEqual(await t.rows('sync_log', { record_id: 'nope' }), []);

    const errors = await t.rows('error_log');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].node_name, 'parse webhook');
    assert.equal(errors[0].node_type, 'json');
    const jsonError: string = errors[0].message;
    assert.match(jsonError, /JSON/);

    const [alert, ...more] = t.twins.telegram!.messages(123456789);
    assert.deepEqual(more, []);
    assert.equal(alert.text, `error in parse webhook\n${jsonError}`);
    assert.equal(alert.raw, `<b>error</b> in <i>parse webhook</i>\n${escapeHtml(jsonError)}`);
    assert.equal(alert.parse_mode, 'HTML');
  });

  it('captures what nodes sent, their statuses and the logged errors', () => {
    const logged = t.outputs('sync log');
    assert.equal(logged.length, 1);
    assert.equal(logged[0].crm.recordId, '00Q000000000001');
    assert.deepEqual(t.outputs('sync log', 1), [], 'nothing on the rejected output');
    assert.equal(t.outputs('ops alert')[0].telegram.status, 'sent');
    assert.equal(t.outputs('errors on this tab')[0].error.source.name, 'parse webhook');
    assert.equal(t.outputs('parse webhook').length, 0, 'the json node sent nothing');
    assert.equal(t.outputs('alert outcome').length, 0, 'debug nodes send nothing');
    const last = t.statuses('ops alert').at(-1)!;
    assert.equal(last.fill, 'green');
    assert.deepEqual(t.logs('error'), [], 'Node-RED does not log errors a Catch node handled');
  });

  it('says clearly what it cannot find', async () => {
    await assert.rejects(() => t.inject('no such node'), /No node with id or name "no such node".*"lead synced"/);
    await assert.rejects(() => t.inject('sync log'), /crm-pg-logger node, not an inject node/);
    await assert.rejects(() => t.rows('no_table'), /No table crm_sync\.no_table.*error_log.*sync_log/);
    assert.throws(() => loadFlow('Sync logs'), /No example flow or file "Sync logs"\. Examples: .*"Sync logs and alerts"/);
  });
});

describe('flow test harness: a user flow defined inline', () => {
  // No tab and no z: the harness puts the nodes on a tab, as Node-RED's import does.
  const flow = [
    {
      id: 'n1',
      type: 'inject',
      name: 'order',
      props: [{ p: 'payload', v: '{"id":7,"note":"Smith <&> Sons"}', vt: 'json' }],
      wires: [['n2']],
    },
    {
      id: 'n2',
      type: 'function',
      name: 'enrich',
      func: [
        "if (!msg.payload.id) throw new Error('order without id: ' + msg.payload.note);",
        'msg.payload.total = 42;',
        "msg.crm = { system: 'shop', object: 'Order', recordId: String(msg.payload.id), event: 'create', status: 'success' };",
        // Answers late, as a node waiting for an API would: idle() must wait for it.
        'setTimeout(() => { node.send(msg); node.done(); }, 300);',
      ].join('\n'),
      outputs: 1,
      wires: [['n3']],
    },
    { id: 'n3', type: 'crm-pg-logger', name: 'audit', store: 'n6', flushInterval: 200, wires: [[], []] },
    { id: 'n4', type: 'catch', name: 'catch all', scope: null, wires: [['n5']] },
    { id: 'n5', type: 'crm-telegram-alert', name: 'alert', bot: 'n7', chatId: '555', template: '{{error.message}}', digestWindow: 0, wires: [[]] },
    { id: 'n6', type: 'crm-pg-config', name: 'shop db', mode: 'embedded' },
    { id: 'n7', type: 'crm-telegram-config', name: 'shop bot', baseUrl: 'https://api.telegram.org' },
  ];

  let t: Testing.FlowTest;
  let database: string;
  before(async () => {
    t = await startFlowTest({ flow, twins: ['telegram'], database: { url: ADMIN_URL, throwaway: true }, twinOptions: { telegram: { limits: false } } });
    database = (await t.query<{ db: string }>('SELECT current_database() AS db'))[0].db;
  });
  after(async () => {
    await t?.stop();
  });

  it('runs the flow against a throwaway database on the server and waits for slow nodes', async () => {
    assert.match(database, /^crm_flow_test_[0-9a-f]+$/);
    const tab = t.flow.find((n) => n.type === 'tab')!;
    assert.equal(t.flow.find((n) => n.id === 'n1')!.z, tab.id);

    await t.inject('order');
    await assert.rejects(() => t.idle({ timeoutMs: 100 }), /still busy: "enrich" \(function n2\)/);
    await t.idle();
    assert.equal(t.outputs('enrich')[0].payload.total, 42);
    assert.equal(t.outputs('audit', 0)[0].crm.recordId, '7', 'the logger passed the msg on (to an unwired port)');
    const [row] = await t.rows('sync_log', { object: 'Order' });
    assert.equal(row.record_id, '7');
    assert.deepEqual(row.payload, { id: 7, note: 'Smith <&> Sons', total: 42 });
  });

  it('delivers a msg to any node and shows the escaped error text in Telegram', async () => {
    await t.send('enrich', { payload: { note: 'Smith <&> Sons' } });
    await t.idle();
    const [m] = t.twins.telegram!.messages(555);
    assert.equal(m.text, 'Error: order without id: Smith <&> Sons');
    assert.equal(m.raw, 'Error: order without id: Smith &lt;&amp;&gt; Sons');
    t.reset();
    assert.deepEqual(t.twins.telegram!.messages(), []);
    assert.deepEqual(t.outputs('enrich'), []);
  });

  it('stops everything: the throwaway database is dropped and the user directory removed', async () => {
    const userDir = t.userDir;
    await t.stop();
    assert.ok(!fs.existsSync(userDir));
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      assert.equal(left.rowCount, 0);
    } finally {
      await admin.end();
    }
    await t.stop(); // twice is harmless
  });
});

describe('flow test harness: a flow Node-RED cannot start', () => {
  it('fails at start, naming the nodes that did not start, and leaves nothing running', async () => {
    // A property equal to another node's id makes Node-RED see a config reference: here a cycle.
    const flow = [
      { id: 'a', type: 'inject', name: 'b', wires: [['b']] },
      { id: 'b', type: 'function', name: 'a', func: 'return msg;', outputs: 1, wires: [[]] },
    ];
    await assert.rejects(() => startFlowTest({ flow, database: false }), /Node-RED could not start "b" \(inject a\)/);
    // The runtime was released: the next flow test starts normally.
    const t = await startFlowTest({ flow: [{ id: 'x', type: 'inject', name: 'tick', wires: [[]] }], database: false });
    await t.inject('tick');
    await t.idle();
    assert.equal(t.outputs('tick').length, 1, 'what goes to an unwired output is captured too');
    assert.deepEqual(t.flow.map((n) => n.type), ['tab', 'inject'], 't.flow is the flow as given (plus its tab)');
    await t.stop();
  });
});

describe('flow test harness: monday events into an http in flow', () => {
  // A webhook endpoint as users build one: echo monday's challenge, accept events.
  const flow = [
    { id: 'w1', type: 'http in', name: 'monday webhook', url: '/hooks/monday', method: 'post', wires: [['w2']] },
    {
      id: 'w2',
      type: 'function',
      name: 'answer',
      func: 'msg.payload = msg.payload.challenge ? { challenge: msg.payload.challenge } : { ok: true };\nreturn msg;',
      outputs: 1,
      wires: [['w3']],
    },
    { id: 'w3', type: 'http response', name: 'reply', statusCode: '', headers: {}, wires: [] },
  ];
  let t: Testing.FlowTest;
  before(async () => {
    t = await startFlowTest({ flow, twins: ['monday'], database: false });
  });
  after(async () => {
    await t?.stop();
  });

  it('refuses a second flow test while one runs: Node-RED is one runtime per process', async () => {
    await assert.rejects(() => startFlowTest({ flow: [], twins: ['telegram'] }), /A flow test is already running in this process/);
    assert.equal(t.outputs('monday webhook').length, 0);
  });

  it('serves the flow over HTTP and receives the webhook events of monday activity', async () => {
    const direct = await t.request('/hooks/monday', { body: { challenge: 'abc' } });
    assert.deepEqual(direct, { status: 200, body: { challenge: 'abc' } });

    const monday = t.sandbox!.monday!;
    const res = await fetch(`${monday.url}/v2`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: monday.token },
      body: JSON.stringify({
        query: 'mutation ($board: ID!, $url: String!) { create_webhook(board_id: $board, url: $url, event: create_item) { id } }',
        variables: { board: monday.leadsBoardId, url: `${t.url}/hooks/monday` },
      }),
    });
    const created = (await res.json()) as { data?: { create_webhook: { id: string } }; errors?: unknown };
    assert.ok(created.data?.create_webhook.id, JSON.stringify(created));

    const done = await t.mondayActivity({ action: 'create_item', boardId: monday.leadsBoardId, name: 'Grace Hopper' });
    assert.equal(done.item?.name, 'Grace Hopper');
    await t.idle();
    const events = t.outputs('monday webhook').map((m) => m.payload.event).filter(Boolean);
    assert.equal(events.length, 1);
    assert.equal(events[0].type, 'create_pulse');
    assert.equal(events[0].pulseName, 'Grace Hopper');
    assert.equal(String(events[0].pulseId), done.item!.id);
  });
});
