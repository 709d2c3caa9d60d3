/**
 * Telegram alert flows against the twin from startSandbox(): what arrives in the chat is asserted
 * on the twin's side. Windows are shortened through settings (client pace) and twin limits.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { startSandbox } from '../../src/sandbox';
import type { Sandbox, TelegramTwinHandle } from '../../src/sandbox';
import { helper, nodeModule } from '../helpers/red';

const modules = [nodeModule('telegram-config'), nodeModule('telegram-alert')] as never;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type TestNode = { receive(msg: unknown): void; on(event: string, fn: (arg: any) => void): void };

describe('telegram alert flow against the sandbox twin', () => {
  let sandbox: Sandbox;
  let twin: TelegramTwinHandle;

  before(async () => {
    // Twin: 1 message / 200 ms per chat after a burst of 2 (Telegram tolerates short bursts, which also
    // absorbs HTTP jitter on a loaded CI machine), 3 per 900 ms per group. Client: 1 / 200 ms, 3 / s.
    sandbox = await startSandbox({ telegram: { limits: { chatBurst: 2, chatIntervalMs: 200, groupPerWindow: 3, groupWindowMs: 900 } } });
    twin = sandbox.handles.telegram!;
    helper.settings({ crmSyncTelegram: { chatIntervalMs: 200, groupIntervalMs: 334, maxRetryAfterS: 2 } });
  });
  beforeEach(() => twin.reset());
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await sandbox.stop();
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
  });

  async function deploy(alert: Record<string, unknown>, token = sandbox.telegram!.token) {
    const flow = [
      { id: 'f1', type: 'tab' },
      { id: 'bot', type: 'crm-telegram-config', baseUrl: sandbox.telegram!.url },
      { id: 'alert', z: 'f1', type: 'crm-telegram-alert', bot: 'bot', chatId: '1001', digestWindow: 0, wires: [['out']], ...alert },
      { id: 'out', z: 'f1', type: 'helper' },
    ];
    await helper.load(modules, flow, { bot: { token } });
    const node = (id: string) => helper.getNode(id) as unknown as TestNode;
    const outputs: any[] = [];
    const caught: any[] = [];
    const statuses: any[] = [];
    node('out').on('input', (m) => outputs.push(m));
    // What a Catch node would receive: done(err) reports the error with the msg.
    node('alert').on('call:error', (call) => caught.push({ error: call.args[0], msg: call.args[1] }));
    node('alert').on('call:status', (call) => statuses.push(call.args[0]));
    return { alert: node('alert'), outputs, caught, statuses };
  }
  const until = async (check: () => boolean, ms = 5000) => {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error('timed out waiting');
      await sleep(10);
    }
  };

  it('escapes msg values: <, & and quotes arrive as text, the template markup as formatting', async () => {
    const { alert, outputs } = await deploy({ template: '<b>{{topic}}</b>: {{payload}}' });
    alert.receive({ topic: 'Deal <Acme & Co>', payload: `<script>alert("x")</script> & 'q'` });
    await until(() => outputs.length === 1);
    const [m] = twin.messages(1001);
    assert.equal(m.text, `Deal <Acme & Co>: <script>alert("x")</script> & 'q'`);
    assert.ok(m.raw.startsWith('<b>Deal &lt;Acme &amp; Co&gt;</b>: &lt;script&gt;'));
  });

  it('truncates long alerts to 4096 characters with a marker, keeping the HTML valid', async () => {
    const { alert, outputs } = await deploy({ template: '<pre>{{payload}}</pre>' });
    alert.receive({ payload: '<&>'.repeat(2000) });
    await until(() => outputs.length === 1);
    assert.equal(outputs[0].telegram.truncated, true);
    const [m] = twin.messages(1001);
    assert.equal(m.text.length, 4096);
    assert.ok(m.text.endsWith('… [truncated]'));
    assert.ok(m.raw.endsWith('</pre>… [truncated]'));
  });

  it('paces bursts per chat and per group so no 429 reaches the user, and says so in the status', async () => {
    const { alert, outputs, caught, statuses } = await deploy({ chatId: '', template: '{{payload}}' });
    for (let i = 0; i < 5; i += 1) alert.receive({ payload: `private ${i}`, telegram: { chatId: 1001 } });
    for (let i = 0; i < 4; i += 1) alert.receive({ payload: `group ${i}`, telegram: { chatId: -1002 } });
    await until(() => outputs.length === 9, 8000);
    assert.deepEqual(caught, []);
    const t0 = twin.calls()[0].at;
    assert.ok(twin.calls().every((c) => c.status === 200), JSON.stringify(twin.calls().map((c) => [c.chat_id, c.status, c.at - t0])));
    assert.deepEqual(twin.messages(1001).map((m) => m.text), [0, 1, 2, 3, 4].map((i) => `private ${i}`));
    assert.deepEqual(twin.messages(-1002).map((m) => m.text), [0, 1, 2, 3].map((i) => `group ${i}`));
    const at = twin.messages(1001).map((m) => m.receivedAt);
    // Paced at the source; arrival gaps jitter by the request's own latency, the average does not.
    assert.ok((at[at.length - 1] - at[0]) / (at.length - 1) >= 195, `average gap ${(at[at.length - 1] - at[0]) / (at.length - 1)} ms`);
    const last = statuses[statuses.length - 1];
    assert.equal(last.fill, 'green');
    assert.match(last.text, /sent 9 · throttled [1-9]/);
    assert.ok(statuses.some((s) => s.fill === 'yellow'), 'waiting messages show a yellow status');
  });

  it('coalesces repeats into one digest line when the window closes', async () => {
    const { alert, outputs } = await deploy({ digestWindow: '0.6', template: '{{payload}}' });
    for (let i = 0; i < 5; i += 1) alert.receive({ payload: 'CPU at 95%' });
    alert.receive({ payload: 'another alert' });
    await until(() => outputs.length === 6);
    assert.deepEqual(outputs.map((m) => m.telegram.status).sort(), ['coalesced', 'coalesced', 'coalesced', 'coalesced', 'sent', 'sent']);
    await until(() => twin.messages(1001).length === 3);
    const texts = twin.messages(1001).map((m) => m.text);
    assert.deepEqual(texts.slice(0, 2), ['CPU at 95%', 'another alert']);
    assert.equal(texts[2], '+4 similar in the last 1 s\nCPU at 95%');
  });

  it('coalesces by msg.topic when configured, and flushes pending digests on redeploy', async () => {
    const { alert, outputs } = await deploy({ digestWindow: 60, digestKey: 'topic', template: '{{payload}}' });
    alert.receive({ topic: 'sync-failed', payload: 'record 1 failed' });
    alert.receive({ topic: 'sync-failed', payload: 'record 2 failed' });
    alert.receive({ topic: 'sync-failed', payload: 'record 3 failed' });
    await until(() => outputs.length === 3);
    assert.deepEqual(twin.messages(1001).map((m) => m.text), ['record 1 failed']);
    await helper.unload();
    assert.deepEqual(twin.messages(1001).map((m) => m.text), ['record 1 failed', '+2 similar in the last 1 min\nrecord 1 failed']);
  });

  it('waits out a 429 retry_after from Telegram and delivers the alert', async () => {
    const { alert, outputs, caught } = await deploy({ template: '{{payload}}' });
    twin.failNext(1, { error_code: 429, retry_after: 1 });
    const start = Date.now();
    alert.receive({ payload: 'after the limit' });
    await until(() => outputs.length === 1);
    assert.ok(Date.now() - start >= 950);
    assert.deepEqual(caught, []);
    assert.deepEqual(twin.calls().map((c) => c.status), [429, 200]);
    assert.deepEqual(twin.messages(1001).map((m) => m.text), ['after the limit']);
  });

  it('reports a 429 it will not wait for as an error the flow can catch', async () => {
    const { alert, caught } = await deploy({ template: '{{payload}}' });
    twin.failNext(1, { error_code: 429, retry_after: 30 });
    alert.receive({ payload: 'x' });
    await until(() => caught.length === 1);
    assert.match(caught[0].error.message, /Too Many Requests: retry after 30/);
    assert.equal(caught[0].msg.payload, 'x', 'the failed msg goes with the error');
  });

  it('reports 401, 400 and 403 on the node with Telegram description and a red status', async () => {
    const wrong = await deploy({ template: '{{payload}}' }, '1:not-the-token-secret');
    wrong.alert.receive({ payload: 'x' });
    await until(() => wrong.caught.length === 1);
    assert.match(wrong.caught[0].error.message, /Unauthorized/);
    assert.ok(!JSON.stringify(wrong.caught[0].error).includes('not-the-token-secret'));
    assert.equal(wrong.statuses[wrong.statuses.length - 1].fill, 'red');
    await helper.unload();

    const { alert, caught, statuses } = await deploy({ template: '<b>{{payload}}' });
    alert.receive({ payload: 'unclosed' });
    await until(() => caught.length === 1);
    assert.match(caught[0].error.message, /can't parse entities: Can't find end tag corresponding to start tag "b"/);
    twin.failNext(1, { error_code: 403 });
    alert.receive({ payload: 'y', telegram: {} });
    await until(() => caught.length === 2);
    assert.match(caught[1].error.message, /Forbidden: bot was blocked by the user/);
    assert.equal(statuses[statuses.length - 1].fill, 'red');
    assert.deepEqual(twin.messages(), []);
  });
});
