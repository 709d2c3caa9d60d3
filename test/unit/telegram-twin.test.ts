import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startSandbox, TWINS } from '../../src/sandbox';

/** The other twins are skipped: this file is about Telegram. */
const ONLY_TELEGRAM = Object.fromEntries(Object.keys(TWINS).map((n) => [n, false]));
import type { Sandbox, TelegramTwinHandle } from '../../src/sandbox';

describe('telegram twin (through startSandbox)', () => {
  let sandbox: Sandbox;
  let twin: TelegramTwinHandle;
  let api: string;
  const token = '42:twin-test';

  before(async () => {
    sandbox = await startSandbox({ ...ONLY_TELEGRAM, telegram: { token, limits: { chatBurst: 2, chatIntervalMs: 200, groupPerWindow: 3, groupWindowMs: 2000 } } });
    twin = sandbox.handles.telegram!;
    api = `${sandbox.telegram!.url}/bot${token}`;
  });
  after(() => sandbox.stop());
  beforeEach(() => twin.reset());

  const call = async (method: string, init?: RequestInit, query = ''): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${api}/${method}${query}`, init);
    return { status: res.status, body: await res.json() };
  };
  const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('describes itself as one JSON-able object', () => {
    assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(sandbox))), ['telegram']);
    assert.match(sandbox.telegram!.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(sandbox.telegram!.token, token);
  });

  it('accepts parameters as query, JSON, form and multipart', async () => {
    assert.equal((await call('sendMessage', undefined, '?chat_id=1&text=query')).body.result.text, 'query');
    assert.equal((await call('sendMessage', json({ chat_id: 2, text: 'json' }))).body.result.text, 'json');
    const form = await call('sendMessage', { method: 'POST', body: new URLSearchParams({ chat_id: '3', text: 'form' }) });
    assert.equal(form.body.result.chat.id, 3);
    const multipart = new FormData();
    multipart.set('chat_id', '-1004');
    multipart.set('text', 'multi');
    const m = await call('sendMessage', { method: 'POST', body: multipart });
    assert.deepEqual([m.body.result.text, m.body.result.chat.type], ['multi', 'supergroup']);
    assert.deepEqual(twin.messages().map((x) => x.text), ['query', 'json', 'form', 'multi']);
  });

  it('answers with Telegram error envelopes and matching HTTP status', async () => {
    const wrong = await fetch(`${sandbox.telegram!.url}/bot1:nope/getMe`);
    assert.equal(wrong.status, 401);
    assert.deepEqual(await wrong.json(), { ok: false, error_code: 401, description: 'Unauthorized' });
    const cases: Array<[unknown, string]> = [
      [{ chat_id: 1 }, 'Bad Request: message text is empty'],
      [{ chat_id: 1, text: '<b> </b>', parse_mode: 'HTML' }, 'Bad Request: message text is empty'],
      [{ text: 'x' }, 'Bad Request: chat_id is empty'],
      [{ chat_id: 'nobody', text: 'x' }, 'Bad Request: chat not found'],
      [{ chat_id: 1, text: 'x'.repeat(4097) }, 'Bad Request: message is too long'],
      [{ chat_id: 1, text: '<u>x', parse_mode: 'HTML' }, `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "u"`],
      [{ chat_id: 1, text: 'x', parse_mode: 'Fancy' }, 'Bad Request: unsupported parse_mode'],
    ];
    for (const [params, description] of cases) {
      const r = await call('sendMessage', json(params));
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, { ok: false, error_code: 400, description });
    }
    assert.equal((await call('sendMessage', json({ chat_id: 1, text: `<b>${'x'.repeat(4096)}</b>`, parse_mode: 'HTML' }))).status, 200, '4096 after entity parsing fits');
    assert.equal((await call('nope', json({}))).status, 404);
  });

  it('answers 429 with retry_after after the per-chat burst and the group window', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await call('sendMessage', json({ chat_id: 7, text: `m${i}` }))).status);
    assert.deepEqual(statuses, [200, 200, 429]);
    const limited = await call('sendMessage', json({ chat_id: 7, text: 'again' }));
    assert.deepEqual(limited.body, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const groupStatuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      groupStatuses.push((await call('sendMessage', json({ chat_id: -55, text: `g${i}` }))).status);
      await new Promise((r) => setTimeout(r, 110));
    }
    assert.deepEqual(groupStatuses, [200, 200, 200, 429], 'the fourth message in the 2 s window exceeds 3 per window');
  });

  it('injects faults through the handle and over HTTP, and reads messages back over HTTP', async () => {
    twin.failNext(1, { error_code: 403 });
    assert.equal((await call('sendMessage', json({ chat_id: 1, text: 'x' }))).body.description, 'Forbidden: bot was blocked by the user');
    const set = await fetch(`${sandbox.telegram!.url}/__twin/faults`, json({ count: 2, error_code: 500, methods: ['getMe'] }));
    assert.equal(set.status, 200);
    assert.equal((await call('getMe')).status, 500);
    assert.equal((await call('getMe')).status, 500);
    assert.equal((await call('getMe')).body.result.is_bot, true);
    await call('sendMessage', json({ chat_id: 9, text: 'a &amp; b', parse_mode: 'HTML' }));
    const read = (await (await fetch(`${sandbox.telegram!.url}/__twin/messages?chat_id=9`)).json()) as any[];
    assert.deepEqual(read.map((m) => [m.text, m.raw, m.parse_mode]), [['a & b', 'a &amp; b', 'HTML']]);
    assert.equal((await fetch(`${sandbox.telegram!.url}/__twin/messages`, { method: 'DELETE' })).status, 200);
    assert.deepEqual(twin.messages(), []);
    assert.ok(twin.calls().some((c) => c.method === 'getMe' && c.status === 500));
  });

  it('can restrict chats to a known list and stops cleanly', async () => {
    const strict = await startSandbox({ ...ONLY_TELEGRAM, telegram: { token, knownChats: [1] } });
    const base = `${strict.telegram!.url}/bot${token}/sendMessage`;
    assert.equal((await fetch(base, json({ chat_id: 1, text: 'ok' }))).status, 200);
    assert.equal((await fetch(base, json({ chat_id: 2, text: 'no' }))).status, 400);
    await strict.stop();
    await assert.rejects(fetch(base, json({ chat_id: 1, text: 'x' })));
  });
});
