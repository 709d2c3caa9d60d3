import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildSchema, parse, validate } from 'graphql';
import { queries } from '../../src/connectors/monday';
import { fromMondayError } from '../../src/connectors/monday/client-errors';

const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../src/sandbox/monday/schema.graphql'), 'utf8'));

function errorsOf(query: string): string[] {
  return validate(schema, parse(query)).map((e) => e.message);
}

describe('monday client: every document validates against monday schema', () => {
  for (const name of ['ME_QUERY', 'BOARD_COLUMNS_QUERY', 'ITEMS_PAGE_QUERY', 'GROUP_ITEMS_PAGE_QUERY', 'NEXT_ITEMS_PAGE_QUERY', 'WEBHOOKS_QUERY', 'CREATE_WEBHOOK_MUTATION', 'DELETE_WEBHOOK_MUTATION'] as const) {
    it(name, () => assert.deepEqual(errorsOf(queries[name]), []));
  }
  for (const kind of Object.keys(queries.MUTATIONS) as queries.MutationKind[]) {
    it(`aliased ${kind} batch`, () => {
      const vars = { board_id: '1', item_id: '2', item_name: 'n', group_id: 'g', column_values: '{}', create_labels_if_missing: false, body: 'b' };
      const { query, variables } = queries.batchMutation([{ kind, vars }, { kind, vars }]);
      assert.deepEqual(errorsOf(query), []);
      assert.match(query, /m0: .*m1: /);
      // user values only ever travel as variables
      assert.ok(!query.includes('"n"') && !query.includes('"b"'));
      assert.ok(Object.keys(variables).every((k) => /_[01]$/.test(k)));
    });
  }
  it('keeps hostile values out of the document', () => {
    const evil = '") { id } delete_item(item_id: 1) { id } #';
    const { query, variables } = queries.batchMutation([{ kind: 'create_item', vars: { board_id: '1', item_name: evil } }]);
    assert.ok(!query.includes(evil));
    assert.equal(variables.item_name_0, evil);
    assert.deepEqual(errorsOf(query), []);
  });
});

describe('monday client: error mapping', () => {
  const cases: Array<[string, number, string]> = [
    ['NOT_AUTHENTICATED', 401, 'MONDAY_UNAUTHORIZED'],
    ['COMPLEXITY_BUDGET_EXHAUSTED', 429, 'MONDAY_COMPLEXITY_EXHAUSTED'],
    ['ColumnValueException', 200, 'MONDAY_COLUMN_VALUE_INVALID'],
    ['InvalidBoardIdException', 200, 'MONDAY_NOT_FOUND'],
    ['InvalidItemIdException', 200, 'MONDAY_NOT_FOUND'],
    ['DAILY_LIMIT_EXCEEDED', 429, 'MONDAY_DAILY_LIMIT'],
    ['SomethingNew', 500, 'MONDAY_SERVER_ERROR'],
  ];
  for (const [mondayCode, status, code] of cases) {
    it(`${mondayCode} → ${code}`, () => {
      const e = fromMondayError({ message: 'x', extensions: { code: mondayCode, retry_in_seconds: 7 } }, status);
      assert.equal(e.code, code);
      assert.equal(e.details.mondayCode, mondayCode);
    });
  }
  it('keeps retry_in_seconds for the budget error', () => {
    const e = fromMondayError({ message: 'Complexity budget exhausted', extensions: { code: 'COMPLEXITY_BUDGET_EXHAUSTED', retry_in_seconds: 7 } }, 429);
    assert.equal(e.details.retry_in_seconds, 7);
    assert.equal(e.params.retry_in_seconds, 7);
    assert.equal(e.retryable, true);
  });
});
