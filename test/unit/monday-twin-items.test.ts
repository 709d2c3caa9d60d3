import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GraphQLClient } from 'graphql-request';
import { addBoard, generateLead, startMondayTwin, statusSettings, type MondayTwinHandle } from '../../src/sandbox/monday';
import { postV2 } from '../helpers/monday-twin';

const PAGE = `query ($b: [ID!], $limit: Int!) { boards(ids: $b) { items_page(limit: $limit) { cursor items { id name } } } }`;
const NEXT = `query ($c: String!, $limit: Int!) { next_items_page(cursor: $c, limit: $limit) { cursor items { id name } } }`;

describe('monday twin: reading and writing items', () => {
  let twin: MondayTwinHandle;
  let client: GraphQLClient;
  let clock = Date.parse('2026-11-25T10:00:00Z');

  before(async () => {
    twin = await startMondayTwin({ leads: 2300, now: () => clock });
    client = new GraphQLClient(`${twin.info.url}/v2`, { headers: { Authorization: twin.info.token, 'API-Version': '2026-10' } });
  });
  after(() => twin.stop());

  it('reads a 2,300-item board in 5 pages of 500 through items_page and next_items_page', async () => {
    twin.resetStats();
    const first = await client.request<any>(PAGE, { b: [twin.info.leadsBoardId], limit: 500 });
    const ids: string[] = first.boards[0].items_page.items.map((i: any) => i.id);
    let cursor: string | null = first.boards[0].items_page.cursor;
    const pageSizes = [ids.length];
    while (cursor) {
      const next: any = await client.request(NEXT, { c: cursor, limit: 500 });
      pageSizes.push(next.next_items_page.items.length);
      ids.push(...next.next_items_page.items.map((i: any) => i.id));
      cursor = next.next_items_page.cursor;
    }
    assert.deepEqual(pageSizes, [500, 500, 500, 500, 300]);
    assert.equal(new Set(ids).size, 2300);
    assert.equal(twin.stats().requests, 5);
  });

  it('generates the same leads for the same seed', async () => {
    const data = await client.request<any>(`query ($b: [ID!]) { boards(ids: $b) { items_page(limit: 1) { items { name column_values(ids: ["salesforce_id", "company"]) { id text } } } } }`, { b: [twin.info.leadsBoardId] });
    const item = data.boards[0].items_page.items[0];
    const lead = generateLead(1);
    assert.equal(item.name, lead.name);
    assert.equal(item.column_values.find((c: any) => c.id === 'salesforce_id').text, lead.values.salesforce_id);
    assert.match(String(lead.values.salesforce_id), /^00Q[0-9A-Za-z]{12}$/);
  });

  it('serves boards a test adds to the store', async () => {
    const deals = addBoard(twin.store, 'Deals', [{ id: 'stage', title: 'Stage', type: 'status', settings: statusSettings(['Open', 'Won']) }], [{ id: 'topics', title: 'Pipeline' }]);
    const made = await client.request<any>('mutation ($b: ID!) { create_item(board_id: $b, item_name: "Big deal", column_values: "{\\"stage\\":\\"Won\\"}") { column_values { text } } }', { b: deals.id });
    assert.deepEqual(made.create_item.column_values, [{ text: 'Won' }]);
  });

  it('expires cursors 60 minutes after the first page', async () => {
    const first = await client.request<any>(PAGE, { b: [twin.info.leadsBoardId], limit: 10 });
    const cursor = first.boards[0].items_page.cursor;
    clock += 59 * 60_000;
    const ok = await postV2(twin, NEXT, { c: cursor, limit: 10 });
    assert.equal(ok.body.data.next_items_page.items.length, 10);
    clock += 2 * 60_000;
    const expired = await postV2(twin, NEXT, { c: cursor, limit: 10 });
    assert.equal(expired.status, 200);
    assert.equal(expired.body.errors[0].extensions.code, 'CursorExpiredError');
    assert.deepEqual(expired.body.errors[0].path, ['next_items_page']);
    const bogus = await postV2(twin, NEXT, { c: 'not-a-cursor', limit: 10 });
    assert.equal(bogus.body.errors[0].extensions.code, 'CursorException');
  });

  it('creates 1,000 items in 20 requests of 50 aliased create_item mutations, paced within the minute budget', async () => {
    twin.resetStats();
    const board = twin.info.allColumnsBoardId;
    for (let batch = 0; batch < 20; batch += 1) {
      const fields = Array.from({ length: 50 }, (_, i) => `c${i}: create_item(board_id: $b, item_name: "Bulk ${batch * 50 + i}", column_values: $v) { id }`);
      const data = await client.request<any>(`mutation ($b: ID!, $v: JSON) { ${fields.join('\n')} }`, { b: board, v: JSON.stringify({ text: 'bulk', numbers: '7' }) });
      assert.equal(Object.keys(data).length, 50);
      // 50 × 10,000 points a request: a client under the default 10M/minute budget paces itself.
      clock += 6_000;
    }
    const stats = twin.stats();
    assert.ok(stats.requests <= 25, `requests: ${stats.requests}`);
    assert.equal(stats.operations.create_item, 1000);
    const count = await client.request<any>('query ($b: [ID!]) { boards(ids: $b) { items_count } }', { b: [board] });
    assert.equal(count.boards[0].items_count, 1000);
  });

  it('runs every alias of a request: a failed one is null with errors[].path, the others succeed', async () => {
    const res = await postV2(
      twin,
      `mutation ($b: ID!) {
        good: create_item(board_id: $b, item_name: "ok", column_values: "{\\"status\\":{\\"label\\":\\"Quote\\"}}") { id name }
        bad: create_item(board_id: $b, item_name: "bad", column_values: "{\\"status\\":{\\"label\\":\\"Nope\\"}}") { id }
        badBoard: create_item(board_id: 1, item_name: "x") { id }
        badColumn: create_item(board_id: $b, item_name: "x", column_values: "{\\"nope\\":\\"x\\"}") { id }
      }`,
      { b: twin.info.leadsBoardId },
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.data.good.name, 'ok');
    assert.equal(res.body.data.bad, null);
    assert.equal(res.body.data.badBoard, null);
    const byPath = Object.fromEntries(res.body.errors.map((e: any) => [e.path[0], e.extensions]));
    assert.equal(byPath.bad.code, 'ColumnValueException');
    assert.deepEqual(byPath.bad.error_data.column_value, { label: 'Nope' });
    assert.equal(byPath.badBoard.code, 'InvalidBoardIdException');
    assert.equal(byPath.badColumn.code, 'InvalidColumnIdException');
  });

  it('creates status and dropdown labels only with create_labels_if_missing', async () => {
    const b = twin.info.allColumnsBoardId;
    const q = `mutation ($b: ID!, $v: JSON, $c: Boolean) { create_item(board_id: $b, item_name: "labels", column_values: $v, create_labels_if_missing: $c) { column_values(ids: ["status", "dropdown"]) { id text } } }`;
    const v = JSON.stringify({ status: { label: 'Blocked' }, dropdown: { labels: ['Cookie', 'Donut'] } });
    const refused = await postV2(twin, q, { b, v, c: false });
    assert.equal(refused.body.errors[0].extensions.code, 'ColumnValueException');
    const made = await client.request<any>(q, { b, v, c: true });
    assert.deepEqual(made.create_item.column_values.map((c: any) => c.text), ['Blocked', 'Cookie, Donut']);
    const cols = await client.request<any>('query ($b: [ID!]) { boards(ids: $b) { columns(ids: ["status"]) { settings } } }', { b: [b] });
    assert.ok(Object.values(cols.boards[0].columns[0].settings.labels).includes('Blocked'));
  });

  it('changes values with change_column_value (JSON) and change_simple_column_value (strings), renames via name', async () => {
    const b = twin.info.leadsBoardId;
    const { create_item: item } = await client.request<any>('mutation ($b: ID!) { create_item(board_id: $b, item_name: "Simple") { id } }', { b });
    await client.request('mutation ($b: ID!, $i: ID!, $v: JSON!) { change_column_value(board_id: $b, item_id: $i, column_id: "status", value: $v) { id } }', { b, i: item.id, v: '{"index":4}' });
    await client.request('mutation ($b: ID!, $i: ID!) { change_simple_column_value(board_id: $b, item_id: $i, column_id: "close_date", value: "2026-03-04") { id } }', { b, i: item.id });
    await client.request('mutation ($b: ID!, $i: ID!, $v: JSON!) { change_multiple_column_values(board_id: $b, item_id: $i, column_values: $v) { id } }', { b, i: item.id, v: JSON.stringify({ name: 'Renamed' }) });
    const read = await client.request<any>('query ($i: [ID!]) { items(ids: $i) { name column_values(ids: ["status", "close_date"]) { id text } } }', { i: [item.id] });
    assert.equal(read.items[0].name, 'Renamed');
    assert.deepEqual(read.items[0].column_values.map((c: any) => c.text), ['Lost', '2026-03-04']);
    const badJson = await postV2(twin, 'mutation ($b: ID!, $i: ID!) { change_column_value(board_id: $b, item_id: $i, column_id: "company", value: "not json") { id } }', { b, i: item.id });
    assert.equal(badJson.body.errors[0].extensions.code, 'JsonParseException');
  });

  it('refuses writes to read-only columns and leaves the item unchanged when one column fails', async () => {
    const b = twin.info.allColumnsBoardId;
    const { create_item: item } = await client.request<any>('mutation ($b: ID!) { create_item(board_id: $b, item_name: "ro", column_values: "{\\"text\\":\\"before\\"}") { id } }', { b });
    const res = await postV2(twin, 'mutation ($b: ID!, $i: ID!, $v: JSON!) { change_multiple_column_values(board_id: $b, item_id: $i, column_values: $v) { id } }', { b, i: item.id, v: JSON.stringify({ text: 'after', formula: '1+1' }) });
    assert.equal(res.body.errors[0].extensions.code, 'ColumnValueException');
    assert.match(res.body.errors[0].message, /read-only/);
    const read = await client.request<any>('query ($i: [ID!]) { items(ids: $i) { column_values(ids: ["text"]) { text } } }', { i: [item.id] });
    assert.equal(read.items[0].column_values[0].text, 'before');
  });

  it('archives and deletes items and adds updates', async () => {
    const b = twin.info.leadsBoardId;
    const made = await client.request<any>('mutation ($b: ID!) { a: create_item(board_id: $b, item_name: "A") { id } d: create_item(board_id: $b, item_name: "D") { id } }', { b });
    const upd = await client.request<any>('mutation ($i: ID!) { create_update(item_id: $i, body: "<p>Called</p>") { id body text_body } }', { i: made.a.id });
    assert.equal(upd.create_update.text_body, 'Called');
    await client.request('mutation ($a: ID!, $d: ID!) { archive_item(item_id: $a) { id state } delete_item(item_id: $d) { id state } }', { a: made.a.id, d: made.d.id });
    const read = await client.request<any>('query ($i: [ID!]) { items(ids: $i) { id state } }', { i: [made.a.id, made.d.id] });
    assert.deepEqual(read.items, [{ id: made.a.id, state: 'archived' }]);
    const again = await postV2(twin, 'mutation ($d: ID!) { delete_item(item_id: $d) { id } }', { d: made.d.id });
    assert.equal(again.body.errors[0].extensions.code, 'InvalidItemIdException');
  });
});
