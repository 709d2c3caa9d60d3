import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { startTelegramTwin } from '../../src/sandbox/telegram';
import type { TelegramTwinHandle } from '../../src/sandbox/telegram';
import { helper, nodeModule } from '../helpers/red';

const TOKEN = '900:node-test-secret';
const modules = [nodeModule('telegram-config'), nodeModule('telegram-alert')] as never;

type TestNode = { receive(msg: unknown): void; on(event: string, fn: (arg: any) => void): void; status: unknown };

describe('crm-telegram-alert (node, against the twin)', () => {
  let twin: TelegramTwinHandle;

  before(async () => {
    twin = await startTelegramTwin({ token: TOKEN, limits: false });
    helper.settings({ crmSyncTelegram: { chatIntervalMs: 20, groupIntervalMs: 20 } });
    await new Promise<void>((resolve) => helper.startServer(() => resolve()));
  });
  beforeEach(() => twin.reset());
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await twin.stop();
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
  });

  const flow = (alert: Record<string, unknown>, withConfig = true) => [
    ...(withConfig ? [{ id: 'bot', type: 'crm-telegram-config', baseUrl: twin.info.url }] : []),
    { id: 'a1', type: 'crm-telegram-alert', bot: 'bot', digestWindow: 0, template: '{{payload}}', wires: [['out']], ...alert },
    { id: 'out', type: 'helper' },
  ];
  const load = async (alert: Record<string, unknown>, withConfig = true, token = TOKEN) => {
    await helper.load(modules, flow(alert, withConfig), { bot: { token } });
    return { alert: helper.getNode('a1') as unknown as TestNode, out: helper.getNode('out') as unknown as TestNode };
  };
  const output = (n: TestNode) => new Promise<any>((resolve) => n.on('input', resolve));
  const failure = (n: TestNode) => new Promise<any>((resolve) => n.on('call:error', (call) => resolve(call.args[0])));

  it('sends to the chat set on the node, even when msg names another', async () => {
    const { alert, out } = await load({ chatId: '111' });
    const got = output(out);
    alert.receive({ payload: 'from config', telegram: { chatId: 222 } });
    const msg = await got;
    assert.equal(msg.telegram.status, 'sent');
    assert.equal(msg.telegram.chatId, 111);
    assert.equal(typeof msg.telegram.messageId, 'number');
    assert.deepEqual(twin.messages(111).map((m) => [m.text, m.parse_mode]), [['from config', 'HTML']]);
    assert.deepEqual(twin.messages(222), []);
  });

  it('takes the chat from msg.telegram.chatId when the node has none', async () => {
    const { alert, out } = await load({ chatId: '' });
    const got = output(out);
    alert.receive({ payload: 'from msg', telegram: { chatId: '-100500' } });
    assert.equal((await got).telegram.chatId, -100500);
    assert.deepEqual(twin.messages(-100500).map((m) => m.text), ['from msg']);
  });

  it('filters alerts below the node minimum severity, reading msg.severity or msg.level', async () => {
    const { alert, out } = await load({ chatId: '1', minSeverity: 'warning', template: '{{severity}}: {{payload}}' });
    const seen: any[] = [];
    out.on('input', (m) => seen.push(m));
    alert.receive({ payload: 'quiet', level: 'info' });
    alert.receive({ payload: 'no level at all' });
    alert.receive({ payload: 'loud', severity: 'ERROR' });
    alert.receive({ payload: 'also', level: 'warn' });
    while (seen.length < 4) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(seen.map((m) => m.telegram.status).sort(), ['filtered', 'filtered', 'sent', 'sent']);
    assert.deepEqual(twin.messages(1).map((m) => m.text).sort(), ['error: loud', 'warning: also']);
  });

  it('fails with a clear error when the chat is missing or invalid, or the severity unknown', async () => {
    const { alert } = await load({ chatId: '' });
    const cases: Array<[unknown, RegExp]> = [
      [{ payload: 'x' }, /No chat id: set Chat in the node, or pass msg\.telegram\.chatId/],
      [{ payload: 'x', telegram: { chatId: 'general' } }, /"general" is not a Telegram chat id/],
      [{ payload: 'x', severity: 'loud', telegram: { chatId: 1 } }, /Unknown severity "loud"/],
    ];
    for (const [msg, text] of cases) {
      const err = failure(alert);
      alert.receive(msg);
      assert.match(String(await err), text);
    }
    assert.deepEqual(twin.messages(), []);
  });

  it('fails with a clear error when no bot configuration is selected', async () => {
    const { alert } = await load({ chatId: '1' }, false);
    const err = failure(alert);
    alert.receive({ payload: 'x' });
    assert.match(String(await err), /No Telegram bot configuration is selected/);
  });

  it('reports Telegram errors on the node with the description and never the token', async () => {
    const { alert } = await load({ chatId: '1' }, true, '900:wrong-secret-token');
    const err = failure(alert);
    alert.receive({ payload: 'x' });
    const text = String(await err);
    assert.match(text, /Telegram refused the bot token.*Unauthorized/);
    assert.ok(!text.includes('wrong-secret-token'));
  });

  it('has a Test connection endpoint that uses the stored token and never echoes it', async () => {
    await load({ chatId: '1' });
    const ok = await helper.request().post('/crm-telegram-config/test').send({ id: 'bot', baseUrl: twin.info.url, token: '__PWRD__' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.username, 'crm_sync_twin_bot');
    const bad = await helper.request().post('/crm-telegram-config/test').send({ baseUrl: twin.info.url, token: '1:typed-secret-value' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'TELEGRAM_UNAUTHORIZED');
    assert.ok(!JSON.stringify(bad.body).includes('typed-secret-value'));
  });
});
