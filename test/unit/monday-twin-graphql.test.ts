import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiClient } from '@mondaydotcomorg/api';
import { ClientError, GraphQLClient } from 'graphql-request';
import { startMondayTwin, type MondayTwinHandle } from '../../src/sandbox/monday';
import { postV2 } from '../helpers/monday-twin';

describe('monday twin: GraphQL transport and schema validation', () => {
  let twin: MondayTwinHandle;
  let client: GraphQLClient;

  before(async () => {
    twin = await startMondayTwin({ leads: 30 });
    client = new GraphQLClient(`${twin.info.url}/v2`, { headers: { Authorization: twin.info.token, 'API-Version': '2026-10' } });
  });
  after(() => twin.stop());

  it('answers graphql-request 7 with data, request_id and account_id, ids as strings', async () => {
    const res = await client.rawRequest<{ me: { id: string; name: string } }>('{ me { id name } }');
    assert.equal(res.status, 200);
    assert.equal(typeof res.data.me.id, 'string');
    assert.equal(res.data.me.name, 'Twin Admin');
    assert.match(String((res.extensions as any).request_id), /^[0-9a-f-]{36}$/);
    const raw = await postV2(twin, '{ me { id account { id slug plan { tier } } } account { id } }');
    assert.equal(raw.body.account_id, twin.info.accountId);
    assert.equal(raw.body.data.me.account.id, String(twin.info.accountId));
    assert.equal(raw.body.data.account.id, String(twin.info.accountId));
    assert.match(raw.headers.get('ratelimit')!, /"complexityMinute";r=\d+;t=\d+/);
  });

  it('runs the official @mondaydotcomorg/api client unmodified (endpoint from config and from MONDAY_API_ENDPOINT)', async () => {
    const api = new ApiClient({ token: twin.info.token, apiVersion: '2026-10', endpoint: `${twin.info.url}/v2` });
    const me = await api.operations.getMeOp();
    assert.equal(me.me?.email, 'admin@twin.example');
    const groups = await api.operations.getBoardGroupsOp({ ids: [twin.info.leadsBoardId] });
    assert.deepEqual(groups.boards?.[0]?.groups?.map((g) => g?.id), ['topics', 'group_active', 'group_closed']);
    const created = await api.operations.createItemOp({ boardId: twin.info.leadsBoardId, groupId: 'topics', itemName: 'From the SDK' });
    const changed = await api.operations.changeMultipleColumnValuesOp({
      boardId: twin.info.leadsBoardId, itemId: created.create_item!.id, columnValues: JSON.stringify({ status: { label: 'MOU' }, company: 'Initech' }),
    });
    const byId = Object.fromEntries(changed.change_multiple_column_values!.column_values.map((c) => [c.id, c.value]));
    assert.equal(JSON.parse(byId.status as string).index, 2);
    assert.equal(JSON.parse(byId.company as string), 'Initech');
    const items = await api.operations.getBoardItemsOp({ ids: [twin.info.leadsBoardId] });
    assert.equal(items.boards?.[0]?.items_page.items.length, 25);

    process.env.MONDAY_API_ENDPOINT = `${twin.info.url}/v2`;
    try {
      const viaEnv = new ApiClient({ token: twin.info.token, apiVersion: '2026-10' });
      const res = await viaEnv.request<{ version: { value: string } }>('{ version { value } }');
      assert.equal(res.version.value, '2026-10');
    } finally {
      delete process.env.MONDAY_API_ENDPOINT;
    }
  });

  it('rejects what the schema rejects: unknown fields, wrong argument types, missing required arguments', async () => {
    for (const query of ['{ boards { id nonsense } }', '{ boards(ids: "x", limit: "ten") { id } }', 'mutation { create_item(item_name: "x") { id } }', '{ items_page { cursor } }']) {
      const res = await postV2(twin, query);
      assert.equal(res.status, 200, query);
      assert.equal(res.body.data, undefined, query);
      assert.ok(res.body.errors.length > 0, query);
      for (const e of res.body.errors) {
        assert.equal(e.extensions.code, 'GRAPHQL_VALIDATION_FAILED');
        assert.ok(Array.isArray(e.locations), 'validation errors carry locations');
      }
    }
    await assert.rejects(client.request('{ boards { id nonsense } }'), (err: unknown) => err instanceof ClientError && /Cannot query field "nonsense"/.test(err.message));
  });

  it('answers syntax errors and non-JSON bodies with HTTP 400', async () => {
    const parseErr = await postV2(twin, '{ boards { id ');
    assert.equal(parseErr.status, 400);
    assert.equal(parseErr.body.errors[0].extensions.code, 'GRAPHQL_PARSE_FAILED');
    assert.deepEqual(parseErr.body.errors[0].locations, [{ line: 1, column: 15 }]);
    const res = await fetch(`${twin.info.url}/v2`, { method: 'POST', headers: { Authorization: twin.info.token }, body: '{not json' });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as any).errors[0].extensions.code, 'JsonParseException');
  });

  it('checks the token: bare token only, 401 NOT_AUTHENTICATED otherwise', async () => {
    for (const auth of ['', 'wrong', `Bearer ${twin.info.token}`]) {
      const res = await postV2(twin, '{ me { id } }', {}, { Authorization: auth });
      assert.equal(res.status, 401);
      assert.equal(res.body.errors[0].extensions.code, 'NOT_AUTHENTICATED');
    }
    await assert.rejects(new GraphQLClient(`${twin.info.url}/v2`, { headers: { Authorization: 'nope' } }).request('{ me { id } }'), (err: unknown) => err instanceof ClientError && err.response.status === 401);
  });

  it('serves API versions 2026-07, 2026-10, 2027-01 (current when absent) and refuses others', async () => {
    for (const v of ['2026-07', '2026-10', '2027-01']) {
      const res = await postV2(twin, '{ version { value kind } }', {}, { 'API-Version': v });
      assert.equal(res.body.data.version.value, v);
    }
    const none = await postV2(twin, '{ version { value } versions { value } }', {}, { 'API-Version': '' });
    assert.equal(none.body.data.version.value, '2026-10');
    assert.deepEqual(none.body.data.versions.map((v: any) => v.value), ['2026-07', '2026-10', '2027-01']);
    const old = await postV2(twin, '{ me { id } }', {}, { 'API-Version': '2024-01' });
    assert.equal(old.status, 400);
    assert.equal(old.body.errors[0].extensions.code, 'InvalidVersionException');
  });

  it('reads boards with columns (settings and settings_str), groups, column_values with type fragments', async () => {
    const data = await client.request<any>(
      `query ($ids: [ID!]) { boards(ids: $ids) { id name columns { id title type settings settings_str } groups { id title }
        items_page(limit: 3) { cursor items { id name group { id } updated_at column_values { id type text value ... on StatusValue { label index } } } } } }`,
      { ids: [twin.info.leadsBoardId] },
    );
    const board = data.boards[0];
    assert.equal(board.name, 'Leads');
    assert.deepEqual(board.columns.map((c: any) => c.title), ['Name', 'Status', 'Email', 'Phone', 'Company', 'Owner', 'Deal value', 'Close date', 'Salesforce ID']);
    const statusCol = board.columns.find((c: any) => c.id === 'status');
    assert.deepEqual(JSON.parse(statusCol.settings_str), statusCol.settings);
    assert.deepEqual(Object.values(statusCol.settings.labels), ['Follow-up', 'Quote', 'MOU', 'Qualified', 'Lost']);
    const item = board.items_page.items[0];
    assert.equal(typeof board.items_page.cursor, 'string');
    const status = item.column_values.find((c: any) => c.id === 'status');
    assert.equal(status.label, status.text);
    assert.equal(JSON.parse(status.value).index, status.index);
    assert.ok(item.column_values.every((c: any) => c.value === null || typeof c.value === 'string'), 'value is JSON text');
  });

  it('caps items(ids) at 100 and items_page(limit) at 500', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => String(i + 1));
    const many = await postV2(twin, 'query ($ids: [ID!]) { items(ids: $ids) { id } }', { ids });
    assert.equal(many.body.errors[0].extensions.code, 'InvalidArgumentException');
    assert.equal(many.body.data.items, null);
    const big = await postV2(twin, `{ boards(ids: [${twin.info.leadsBoardId}]) { items_page(limit: 501) { cursor } } }`);
    assert.equal(big.body.errors[0].extensions.code, 'InvalidArgumentException');
  });

  it('pages a group\'s items through Group.items_page', async () => {
    const data = await client.request<any>('query ($b: [ID!]) { boards(ids: $b) { groups(ids: ["group_closed"]) { items_page(limit: 500) { items { group { id } column_values(ids: ["status"]) { text } } } } } }', { b: [twin.info.leadsBoardId] });
    const items = data.boards[0].groups[0].items_page.items;
    assert.ok(items.length > 0);
    assert.ok(items.every((i: any) => i.group.id === 'group_closed' && ['Qualified', 'Lost'].includes(i.column_values[0].text)));
  });

  it('surfaces API errors through the official client as ClientError with monday\'s codes', async () => {
    const api = new ApiClient({ token: twin.info.token, apiVersion: '2026-10', endpoint: `${twin.info.url}/v2` });
    await assert.rejects(
      api.request('mutation ($b: ID!) { create_item(board_id: $b, item_name: "x", column_values: "{\\"status\\":{\\"label\\":\\"Nope\\"}}") { id } }', { b: twin.info.leadsBoardId }),
      (err: any) => err.response?.errors?.[0]?.extensions?.code === 'ColumnValueException',
    );
  });

  it('orders items_page with query_params.order_by and returns nothing for unknown board ids', async () => {
    const data = await client.request<any>('query ($b: [ID!]) { boards(ids: $b) { items_page(limit: 500, query_params: {order_by: [{column_id: "deal_value", direction: desc}]}) { items { column_values(ids: ["deal_value"]) { text } } } } }', { b: [twin.info.leadsBoardId] });
    const values = data.boards[0].items_page.items.map((i: any) => Number(i.column_values[0].text));
    assert.deepEqual(values, [...values].sort((a, b) => b - a));
    const none = await client.request<any>('{ boards(ids: [42]) { id } }');
    assert.deepEqual(none.boards, []);
  });

  it('filters items_page with query_params rules and ids', async () => {
    const data = await client.request<any>(
      `query ($b: [ID!]) { boards(ids: $b) { items_page(limit: 100, query_params: {rules: [{column_id: "status", compare_value: [3], operator: any_of}]}) { items { column_values(ids: ["status"]) { text } } } } }`,
      { b: [twin.info.leadsBoardId] },
    );
    const texts = data.boards[0].items_page.items.map((i: any) => i.column_values[0].text);
    assert.ok(texts.length > 0);
    assert.ok(texts.every((t: string) => t === 'Qualified'));
  });
});
