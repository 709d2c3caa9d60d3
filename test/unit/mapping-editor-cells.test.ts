import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellsToRow, parseTransform, rowToCells } from '../../src/nodes/field-mapper/row-cells.editor';

describe('field mapper editor: table cells ↔ mapping rows', () => {
  const rows: Array<Record<string, unknown>> = [
    { target: 'LastName', source: 'Name', transform: { type: 'splitName', part: 'last' }, required: true, targetType: 'string' },
    { target: 'FullName', sources: ['first', 'last'], transform: 'joinName' },
    { target: 'Email', source: 'Email', transform: ['trim', 'email'], default: 'unknown@example.com' },
    { target: 'Cleared__c', constant: null },
    { target: 'Count__c', constant: 42 },
    { target: 'Source', constant: 'monday' },
    { target: 'Description', expression: "'Deal ' & `Deal value`", default: { note: 'none' } },
  ];

  it('round-trips every kind of row without loss', () => {
    for (const row of rows) assert.deepEqual(cellsToRow(rowToCells(row)), row);
  });

  it('shows transforms as names where it can and JSON otherwise', () => {
    assert.equal(rowToCells(rows[2]).transform, 'trim, email');
    assert.equal(rowToCells(rows[0]).transform, '{"type":"splitName","part":"last"}');
    assert.deepEqual(parseTransform('trim, lower'), ['trim', 'lower']);
    assert.equal(parseTransform(' '), undefined);
    assert.throws(() => parseTransform('{"type": '));
  });
});
