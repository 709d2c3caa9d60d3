import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { startMondayTwin, type MondayTwinHandle } from '../../src/sandbox/monday';
import { postV2 } from '../helpers/monday-twin';

const CREATE = 'mutation ($b: ID!) { create_item(board_id: $b, item_name: "x") { id } }';

describe('monday twin: complexity, rate and daily limits', () => {
  let twin: MondayTwinHandle | undefined;
  afterEach(async () => {
    await twin?.stop();
    twin = undefined;
  });

  it('reports complexity {before query after reset_in_x_seconds} and the RateLimit header', async () => {
    twin = await startMondayTwin({ leads: 1, complexityBudget: 1_000_000 });
    const first = await postV2(twin, '{ complexity { before query after reset_in_x_seconds } }');
    const c = first.body.data.complexity;
    assert.equal(c.before, 1_000_000);
    assert.ok(c.query > 0);
    assert.equal(c.after, c.before - c.query);
    assert.equal(c.reset_in_x_seconds, 60);
    const second = await postV2(twin, '{ complexity { before } }');
    assert.equal(second.body.data.complexity.before, c.after);
    assert.match(second.headers.get('ratelimit')!, /^"minuteRate";r=\d+, "concurrency";r=\d+, "complexityMinute";r=\d+;t=\d+$/);
  });

  it('charges about 10,000 points per mutation and counts reads by items × fields', async () => {
    twin = await startMondayTwin({ leads: 1 });
    const write = await postV2(twin, `mutation ($b: ID!) { create_item(board_id: $b, item_name: "x") { id } complexity { query } }`, { b: twin.info.leadsBoardId });
    const cost = write.body.data.complexity.query;
    assert.ok(cost >= 10_000 && cost < 11_000, `create_item cost ${cost}`);
    const small = await postV2(twin, `{ complexity { query } boards(ids: [1]) { items_page(limit: 10) { items { id name } } } }`);
    const large = await postV2(twin, `{ complexity { query } boards(ids: [1]) { items_page(limit: 500) { items { id name } } } }`);
    assert.ok(large.body.data.complexity.query > 40 * small.body.data.complexity.query);
  });

  it('refuses a single query over 5,000,000 points', async () => {
    twin = await startMondayTwin({ leads: 1 });
    const res = await postV2(twin, '{ boards(limit: 500) { items_page(limit: 500) { items { id name column_values { id text value } } } } }');
    assert.equal(res.status, 200);
    assert.equal(res.body.errors[0].extensions.code, 'ComplexityException');
    assert.equal(res.body.data, undefined);
  });

  it('answers COMPLEXITY_BUDGET_EXHAUSTED with retry_in_seconds once the sliding window budget is spent, then recovers', async () => {
    let clock = Date.parse('2026-11-25T10:00:00Z');
    twin = await startMondayTwin({ leads: 1, complexityBudget: 25_000, complexityWindowMs: 10_000, now: () => clock });
    const b = twin.info.leadsBoardId;
    assert.equal((await postV2(twin, CREATE, { b })).status, 200);
    clock += 4_000;
    assert.equal((await postV2(twin, CREATE, { b })).status, 200);
    const refused = await postV2(twin, CREATE, { b });
    assert.equal(refused.status, 429);
    const err = refused.body.errors[0];
    assert.equal(err.message, 'Complexity budget exhausted');
    assert.deepEqual(err.extensions, { code: 'COMPLEXITY_BUDGET_EXHAUSTED', retry_in_seconds: 6 }, 'the first spend leaves the 10 s window 6 s from now');
    assert.equal(refused.headers.get('retry-after'), '6');
    assert.equal(twin.stats().errors.COMPLEXITY_BUDGET_EXHAUSTED, 1);
    clock += 6_000;
    assert.equal((await postV2(twin, CREATE, { b })).status, 200);
  });

  it('limits requests per minute with RATE_LIMIT_EXCEEDED and reports the minute rate in RateLimit', async () => {
    let clock = Date.parse('2026-11-25T10:00:00Z');
    twin = await startMondayTwin({ leads: 0, minuteRateLimit: 2, now: () => clock });
    const first = await postV2(twin, '{ me { id } }');
    assert.match(first.headers.get('ratelimit')!, /^"minuteRate";r=1, /);
    assert.match(first.headers.get('ratelimit-policy')!, /"minuteRate";q=2;w=60/);
    await postV2(twin, '{ me { id } }');
    const third = await postV2(twin, '{ me { id } }');
    assert.equal(third.status, 429);
    assert.deepEqual(third.body.errors[0].extensions, { code: 'RATE_LIMIT_EXCEEDED', retry_in_seconds: 60 });
    clock += 60_001;
    assert.equal((await postV2(twin, '{ me { id } }')).status, 200);
  });

  it('enforces the daily call limit per token with DAILY_LIMIT_EXCEEDED', async () => {
    twin = await startMondayTwin({ leads: 0, dailyCallLimit: 2, now: () => Date.parse('2026-11-25T23:59:00Z') });
    await postV2(twin, '{ me { id } }');
    await postV2(twin, '{ me { id } }');
    const third = await postV2(twin, '{ me { id } }');
    assert.equal(third.status, 429);
    assert.equal(third.body.errors[0].extensions.code, 'DAILY_LIMIT_EXCEEDED');
    assert.equal(third.body.errors[0].extensions.retry_in_seconds, 60);
  });

  it('counts requests and operations on the handle and at /__twin/stats', async () => {
    twin = await startMondayTwin({ leads: 0 });
    await postV2(twin, 'mutation ($b: ID!) { a: create_item(board_id: $b, item_name: "a") { id } b: create_item(board_id: $b, item_name: "b") { id } }', { b: twin.info.leadsBoardId });
    await postV2(twin, '{ me { id } }', {}, { Authorization: 'wrong' });
    const viaHttp = (await (await fetch(`${twin.info.url}/__twin/stats`)).json()) as any;
    assert.equal(viaHttp.requests, 2);
    assert.equal(viaHttp.operations.create_item, 2);
    assert.equal(viaHttp.errors.NOT_AUTHENTICATED, 1);
    assert.deepEqual(twin.stats().operations, viaHttp.operations);
    twin.resetStats();
    assert.equal(twin.stats().requests, 0);
  });
});
