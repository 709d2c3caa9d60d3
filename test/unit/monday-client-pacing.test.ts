import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MondayClient, runWrites, type WriteOp } from '../../src/connectors/monday';
import { startMondayTwin, type MondayTwinHandle } from '../../src/sandbox/monday';

const BUDGET = 200_000;
const WINDOW_MS = 2_000;

describe('monday client: complexity pacing', () => {
  let twin: MondayTwinHandle;
  before(async () => {
    twin = await startMondayTwin({ leads: 1, complexityBudget: BUDGET, complexityWindowMs: WINDOW_MS });
  });
  after(async () => {
    await twin.stop();
  });

  it('paces a run of more than three budgets over the windows with < 1% of requests refused', async () => {
    const client = new MondayClient({ endpoint: twin.info.url, token: twin.info.token, budget: BUDGET, windowMs: WINDOW_MS });
    twin.resetStats();
    const ops: WriteOp[] = Array.from({ length: 95 }, (_, i) => ({ kind: 'create_item', vars: { board_id: twin.info.leadsBoardId, item_name: `Paced ${i}` } }));
    const started = Date.now();
    const { results } = await runWrites(client, ops);
    const elapsed = Date.now() - started;
    client.close();
    const stats = twin.stats();
    assert.ok(results.every((r) => r.ok));
    assert.ok(elapsed >= 3 * WINDOW_MS, `ran over ${elapsed} ms`);
    const refused = stats.errors.COMPLEXITY_BUDGET_EXHAUSTED ?? 0;
    assert.ok(refused / stats.requests < 0.01, `${refused} of ${stats.requests} requests refused`);
    // Everything was spent through the paced client: more than three budgets, so it had to wait for the
    // window. How close to the budget it runs is a speed figure (wall-clock, noisy on a loaded machine):
    // that belongs to a benchmark, not to this test.
    assert.ok(stats.complexitySpent > 3 * BUDGET, `spent ${stats.complexitySpent}`);
  });

  it('waits retry_in_seconds and retries when another client spent the budget', async () => {
    const other = new MondayClient({ endpoint: twin.info.url, token: twin.info.token, budget: 10_000_000, windowMs: WINDOW_MS, maxBatch: 5 });
    // A client that believes the budget is huge shares the token with the paced run above: it is refused
    // until monday's window has room, and gets through by waiting retry_in_seconds.
    twin.resetStats();
    const started = Date.now();
    const ops: WriteOp[] = Array.from({ length: 30 }, (_, i) => ({ kind: 'create_item', vars: { board_id: twin.info.leadsBoardId, item_name: `Other ${i}` } }));
    const res = await runWrites(other, ops);
    other.close();
    assert.ok(res.results.every((r) => r.ok));
    assert.ok((twin.stats().errors.COMPLEXITY_BUDGET_EXHAUSTED ?? 0) >= 1, 'monday refused at least once');
    assert.ok(Date.now() - started >= 1_000, 'the client waited');
  });
});
