import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { TelegramBot, TelegramClient } from '../../src/connectors/telegram';
import { startTelegramTwin } from '../../src/sandbox/telegram';
import type { TelegramTwinHandle } from '../../src/sandbox/telegram';

describe('telegram client against the twin', () => {
  let twin: TelegramTwinHandle;
  let client: TelegramClient;
  const token = '111:secret-token-value';

  before(async () => {
    twin = await startTelegramTwin({ token, knownChats: [5, -100777], blockedChats: [-100777], limits: false });
    client = new TelegramClient({ baseUrl: twin.info.url, token, timeoutMs: 2000 });
  });
  after(() => twin.stop());
  beforeEach(() => twin.reset());

  const noToken = (err: unknown): boolean => {
    const e = err as Error & { params: unknown; details: unknown };
    for (const text of [e.message, e.stack ?? '', JSON.stringify(e.params), JSON.stringify(e.details)]) assert.ok(!text.includes('secret-token'), text);
    return true;
  };

  it('calls getMe and sendMessage', async () => {
    assert.equal((await client.getMe()).username, 'crm_sync_twin_bot');
    const m = await client.sendMessage({ chat_id: 5, text: '<b>hi</b> &amp;', parse_mode: 'HTML' });
    assert.equal(m.text, 'hi &');
    assert.equal(m.chat.id, 5);
    assert.deepEqual(twin.messages(5).map((x) => x.raw), ['<b>hi</b> &amp;']);
  });

  it('maps 401, 400, 403 and 404 to codes with Telegram description, never with the token', async () => {
    const wrong = new TelegramClient({ baseUrl: twin.info.url, token: '111:wrong-secret-token-value' });
    await assert.rejects(wrong.getMe(), (e: any) => e.code === 'TELEGRAM_UNAUTHORIZED' && e.params.description === 'Unauthorized' && !e.message.includes('wrong-secret'));
    await assert.rejects(client.sendMessage({ chat_id: 6, text: 'x' }), (e: any) => e.code === 'TELEGRAM_BAD_REQUEST' && e.params.description === 'Bad Request: chat not found' && noToken(e));
    await assert.rejects(client.sendMessage({ chat_id: 5, text: '<b>x', parse_mode: 'HTML' }), (e: any) => e.code === 'TELEGRAM_BAD_REQUEST' && /can't parse entities/.test(e.params.description));
    await assert.rejects(client.sendMessage({ chat_id: 5, text: 'y'.repeat(4097) }), (e: any) => e.params.description === 'Bad Request: message is too long');
    await assert.rejects(client.sendMessage({ chat_id: -100777, text: 'x' }), (e: any) => e.code === 'TELEGRAM_FORBIDDEN' && noToken(e));
    await assert.rejects(client.call('noSuchMethod', {}), (e: any) => e.code === 'TELEGRAM_NOT_FOUND');
  });

  it('waits retry_after on 429 and retries', async () => {
    twin.failNext(1, { error_code: 429, retry_after: 1 });
    const start = Date.now();
    await client.sendMessage({ chat_id: 5, text: 'after wait' });
    assert.ok(Date.now() - start >= 950);
    assert.deepEqual(twin.calls().map((c) => c.status), [429, 200]);
  });

  it('gives up on 429 without a numeric retry_after, or after maxRetries', async () => {
    twin.failNext(1, { error_code: 429, description: 'Too Many Requests' });
    // The twin always sends retry_after; strip it with a fake fetch to check the rule.
    const noRetryAfter: typeof fetch = async () => new Response(JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 'soon' } }), { status: 429 });
    const c = new TelegramClient({ baseUrl: twin.info.url, token, fetch: noRetryAfter });
    await assert.rejects(c.sendMessage({ chat_id: 5, text: 'x' }), (e: any) => e.code === 'TELEGRAM_RATE_LIMITED' && e.retryable === true);
    twin.reset();
    twin.failNext(2, { error_code: 429, retry_after: 1 });
    const once = new TelegramClient({ baseUrl: twin.info.url, token, maxRetries: 1 });
    await assert.rejects(once.sendMessage({ chat_id: 5, text: 'x' }), (e: any) => e.code === 'TELEGRAM_RATE_LIMITED' && e.details.retryAfter === 1);
  });

  it('reports an unreachable API, a timeout and a non-Bot-API answer clearly', async () => {
    const closed = await startTelegramTwin();
    await closed.stop();
    const down = new TelegramClient({ baseUrl: closed.info.url, token });
    await assert.rejects(down.getMe(), (e: any) => e.code === 'TELEGRAM_UNREACHABLE' && /ECONNREFUSED/.test(e.message) && noToken(e));
    const slow: typeof fetch = (_u, init) => new Promise<Response>((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    await assert.rejects(new TelegramClient({ baseUrl: 'http://x', token, timeoutMs: 50, fetch: slow }).getMe(), (e: any) => /no answer within 50 ms/.test(e.message));
    const html: typeof fetch = async () => new Response('<html>proxy</html>', { status: 502 });
    await assert.rejects(new TelegramClient({ baseUrl: 'http://x', token, fetch: html }).getMe(), (e: any) => e.code === 'TELEGRAM_BAD_RESPONSE');
    const badUrl = new TelegramClient({ baseUrl: 'not a url', token });
    await assert.rejects(badUrl.getMe(), (e: any) => e.code === 'TELEGRAM_UNREACHABLE' && noToken(e));
  });

  it('names the new chat id when a group was upgraded to a supergroup', async () => {
    const migrated: typeof fetch = async () => new Response(JSON.stringify({ ok: false, error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: -1001234 } }), { status: 400 });
    const c = new TelegramClient({ baseUrl: 'http://x', token, fetch: migrated });
    await assert.rejects(c.sendMessage({ chat_id: -5, text: 'x' }), (e: any) => e.code === 'TELEGRAM_BAD_REQUEST' && /new id is -1001234/.test(e.params.description) && e.details.migrate_to_chat_id === -1001234);
  });

  it('requires a token', async () => {
    await assert.rejects(new TelegramClient({ baseUrl: twin.info.url, token: '' }).getMe(), { code: 'TELEGRAM_NO_TOKEN' });
  });

  it('a bot paces its sends per chat so the twin never answers 429', async () => {
    const paced = await startTelegramTwin({ token, limits: { chatBurst: 2, chatIntervalMs: 100 } });
    const bot = new TelegramBot({ baseUrl: paced.info.url, token, throttle: { chatIntervalMs: 110 } });
    try {
      await Promise.all(Array.from({ length: 6 }, (_, i) => bot.send(5, `m${i}`)));
      assert.deepEqual(paced.messages(5).map((m) => m.text), ['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
      assert.ok(paced.calls().every((c) => c.status === 200));
    } finally {
      await bot.stop(100);
      await paced.stop();
    }
  });
});
