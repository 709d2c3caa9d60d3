import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ChatThrottle } from '../../src/connectors/telegram/throttle';

describe('telegram per-chat throttle', () => {
  const throttle = new ChatThrottle({ chatIntervalMs: 80, groupIntervalMs: 200, globalPerSecond: 1000, idleMs: 400 });
  after(() => throttle.stop(100));

  const stampAll = async (chat: number, n: number): Promise<{ at: number[]; waited: number[] }> => {
    const at: number[] = [];
    const results = await Promise.all(Array.from({ length: n }, (_, i) => throttle.schedule(chat, async () => {
      at.push(Date.now());
      return i;
    })));
    assert.deepEqual(results.map((r) => r.value), Array.from({ length: n }, (_, i) => i), 'jobs keep their order');
    return { at, waited: results.map((r) => r.waitedMs) };
  };

  it('spaces messages to one private chat by the chat interval', async () => {
    const { at, waited } = await stampAll(1, 4);
    for (let i = 1; i < at.length; i += 1) assert.ok(at[i] - at[i - 1] >= 80, `gap ${at[i] - at[i - 1]} ms`);
    assert.ok(waited[0] < waited[3]);
    assert.ok(waited[3] >= 200, 'later ones report their wait');
  });

  it('paces groups (negative ids) more slowly and chats independently', async () => {
    const start = Date.now();
    const [group, a, b] = await Promise.all([stampAll(-100123, 3), stampAll(2, 1), stampAll(3, 1)]);
    assert.ok(group.at[2] - group.at[0] >= 400, `three group messages take two group intervals (${group.at[2] - group.at[0]} ms)`);
    assert.ok(a.at[0] - start < 150 && b.at[0] - start < 150, 'other chats are not held back by the group');
  });

  it('counts queued messages and drops idle chat limiters', async () => {
    const pending = Promise.all([1, 2, 3].map(() => throttle.schedule(9, async () => undefined)));
    assert.ok(throttle.queued(9) >= 1);
    await pending;
    assert.ok(throttle.chats > 0);
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(throttle.chats, 0);
  });

  it('refuses new work once stopped, with a clear code', async () => {
    const t = new ChatThrottle({ chatIntervalMs: 10 });
    await t.stop(50);
    await assert.rejects(t.schedule(1, async () => 1), { code: 'TELEGRAM_CLOSED' });
  });
});
