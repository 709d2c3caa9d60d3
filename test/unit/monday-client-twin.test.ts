import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MondayClient, runWrites, type RawItem, type WriteOp } from '../../src/connectors/monday';
import { startMondayTwin, type MondayTwinHandle } from '../../src/sandbox/monday';

describe('monday client against the twin', () => {
  let twin: MondayTwinHandle;
  let client: MondayClient;
  before(async () => {
    // A budget that is not the point here: 1,000 writes alone would spend a personal token's minute.
    twin = await startMondayTwin({ leads: 2_300, complexityBudget: 100_000_000 });
    client = new MondayClient({ endpoint: twin.info.url, token: twin.info.token, budget: 100_000_000 });
  });
  after(async () => {
    client.close();
    await twin.stop();
  });

  it('sends the bare token and API-Version, and reads the account', async () => {
    const me = await client.me();
    assert.equal(me.accountName, 'Twin account');
    assert.ok((me.complexity.after ?? 0) > 0);
  });

  it('reads a 2,300-item board in 5 pages of at most 500', async () => {
    twin.resetStats();
    const sizes: number[] = [];
    const ids = new Set<string>();
    for await (const page of client.itemPages(twin.info.leadsBoardId)) {
      sizes.push(page.length);
      for (const item of page) ids.add(item.id);
    }
    assert.deepEqual(sizes, [500, 500, 500, 500, 300]);
    assert.equal(ids.size, 2_300);
    const ops = twin.stats().operations;
    assert.equal((ops.boards ?? 0) + (ops.next_items_page ?? 0), 6, 'board metadata + first page + 4 next pages');
  });

  it('filters one group with query_params rules', async () => {
    const pages: RawItem[][] = [];
    for await (const page of client.itemPages(twin.info.leadsBoardId, { groupId: 'group_closed', queryParams: { rules: [{ column_id: 'status', compare_value: ['Qualified'], operator: 'any_of' }] } })) pages.push(page);
    const items = pages.flat();
    assert.ok(items.length > 0);
    assert.ok(items.every((i) => i.group?.id === 'group_closed' && i.column_values.find((c) => c.id === 'status')?.text === 'Qualified'));
  });

  it('caches column metadata per board and refuses unknown boards with MONDAY_NOT_FOUND', async () => {
    const meta = await client.board(twin.info.leadsBoardId);
    assert.equal(meta.columns.find((c) => c.id === 'status')?.type, 'status');
    twin.resetStats();
    await client.board(twin.info.leadsBoardId);
    assert.equal(twin.stats().requests, 0);
    await assert.rejects(client.board('424242'), { code: 'MONDAY_NOT_FOUND' });
  });

  it('creates 1,000 items in at most 25 HTTP requests, with per-alias errors', async () => {
    twin.resetStats();
    const ops: WriteOp[] = Array.from({ length: 1_000 }, (_, i) => ({
      kind: 'create_item',
      vars: { board_id: twin.info.leadsBoardId, item_name: `Bulk ${i}`, column_values: JSON.stringify(i === 7 ? { status: { label: 'Nope' } } : { deal_value: String(i) }) },
    }));
    const { results, fatal } = await runWrites(client, ops);
    assert.equal(fatal, undefined);
    assert.equal(results.length, 1_000);
    assert.ok(twin.stats().requests <= 25, `requests: ${twin.stats().requests}`);
    const bad = results[7];
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.error.code, 'MONDAY_COLUMN_VALUE_INVALID');
    assert.equal(results.filter((r) => r.ok).length, 999);
  });

  it('maps a wrong token to MONDAY_UNAUTHORIZED without retrying', async () => {
    const wrong = new MondayClient({ endpoint: twin.info.url, token: 'nope' });
    twin.resetStats();
    await assert.rejects(wrong.me(), { code: 'MONDAY_UNAUTHORIZED' });
    assert.equal(twin.stats().requests, 1);
    wrong.close();
  });

  it('maps an unreachable endpoint to MONDAY_UNREACHABLE', async () => {
    const gone = new MondayClient({ endpoint: 'http://127.0.0.1:9', token: 'x', timeoutMs: 2_000 });
    await assert.rejects(gone.board('1'), { code: 'MONDAY_UNREACHABLE' });
    gone.close();
  });
});
