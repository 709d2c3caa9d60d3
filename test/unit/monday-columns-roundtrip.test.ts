import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GraphQLClient } from 'graphql-request';
import { COLUMN_CODECS } from '../../src/connectors/monday/columns';
import { startMondayTwin, type MondayTwinHandle } from '../../src/sandbox/monday';

describe('monday column codecs round-trip through the twin', () => {
  let twin: MondayTwinHandle;
  let client: GraphQLClient;
  let itemId: string;
  let linkedId: string;

  before(async () => {
    twin = await startMondayTwin({ leads: 0 });
    client = new GraphQLClient(`${twin.info.url}/v2`, { headers: { Authorization: twin.info.token, 'API-Version': '2026-10' } });
    const made = await client.request<any>('mutation ($b: ID!) { a: create_item(board_id: $b, item_name: "Round trip") { id } b: create_item(board_id: $b, item_name: "Linked") { id } }', { b: twin.info.allColumnsBoardId });
    itemId = made.a.id;
    linkedId = made.b.id;
  });
  after(() => twin.stop());

  const plainValues = (): Record<string, unknown> => ({
    status: 'Done',
    dropdown: ['Cookie', 'Brownie'],
    people: [{ id: 54012346, kind: 'person' }],
    date: '2026-05-01T13:45:00Z',
    numbers: 42.5,
    text: 'hello "monday"',
    long_text: 'line one\nline two',
    email: { email: 'ada@example.com', text: 'Ada Novak' },
    phone: { phone: '+15551234567', countryShortName: 'US' },
    link: { url: 'https://example.com/deal', text: 'Deal room' },
    checkbox: true,
    board_relation: [Number(linkedId)],
    tags: [9001, 9002],
    timeline: { from: '2026-01-01', to: '2026-01-31' },
    hour: { hour: 13, minute: 5 },
    country: 'DE',
    location: { lat: 52.52, lng: 13.405, address: 'Berlin, Germany' },
    rating: 4,
  });

  it('covers every writable column type', () => {
    assert.deepEqual(Object.keys(plainValues()).sort(), Object.keys(COLUMN_CODECS).sort());
  });

  it('writes every type with change_multiple_column_values and decodes the same plain values from items_page', async () => {
    const plain = plainValues();
    const write = Object.fromEntries(Object.entries(plain).map(([type, v]) => [type, COLUMN_CODECS[type].encode(v)]));
    await client.request('mutation ($b: ID!, $i: ID!, $v: JSON!) { change_multiple_column_values(board_id: $b, item_id: $i, column_values: $v) { id } }', {
      b: twin.info.allColumnsBoardId, i: itemId, v: JSON.stringify(write),
    });
    const data = await client.request<any>(
      `query ($b: [ID!]) { boards(ids: $b) { columns { id type settings } items_page(limit: 10, query_params: {rules: [{column_id: "name", compare_value: ["Round trip"]}]}) { items { column_values { id type text value } } } } }`,
      { b: [twin.info.allColumnsBoardId] },
    );
    const board = data.boards[0];
    const cells = board.items_page.items[0].column_values;
    for (const [type, expected] of Object.entries(plain)) {
      const cell = cells.find((c: any) => c.id === type);
      const settings = board.columns.find((c: any) => c.id === type).settings;
      assert.deepEqual(COLUMN_CODECS[type].decode(cell, settings), expected, type);
      assert.notEqual(cell.text, '', `${type} has display text`);
    }
    const texts = Object.fromEntries(cells.map((c: any) => [c.id, c.text]));
    assert.equal(texts.people, 'Dana Seller');
    assert.equal(texts.board_relation, 'Linked');
    assert.equal(texts.tags, 'hot, enterprise');
    assert.equal(texts.country, 'Germany');
    assert.equal(texts.date, '2026-05-01 13:45');
  });

  it('clears every type with an empty write', async () => {
    const clear = Object.fromEntries(Object.keys(COLUMN_CODECS).map((t) => [t, t === 'text' || t === 'numbers' ? '' : {}]));
    await client.request('mutation ($b: ID!, $i: ID!, $v: JSON!) { change_multiple_column_values(board_id: $b, item_id: $i, column_values: $v) { id } }', {
      b: twin.info.allColumnsBoardId, i: itemId, v: JSON.stringify(clear),
    });
    const data = await client.request<any>('query ($i: [ID!]) { items(ids: $i) { column_values { id text value } } }', { i: [itemId] });
    for (const cell of data.items[0].column_values.filter((c: any) => COLUMN_CODECS[c.id])) {
      assert.equal(cell.value, null, cell.id);
      assert.equal(cell.text, '', cell.id);
    }
  });
});
