import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkMappingAgainstSchema, compileMapping, mapRecord } from '../../src/core/mapping';
import type { Mapping, TargetSchema, TargetSchemaProvider } from '../../src/core/mapping';
import { MapperState } from '../../src/nodes/field-mapper/mapper-state';

const v1: TargetSchema = {
  name: 'salesforce:Lead',
  fields: [
    { name: 'LastName', type: 'string', required: true },
    { name: 'Email', type: 'email' },
    { name: 'Budget__c', type: 'currency' },
    { name: 'Tier__c', type: 'picklist' },
    { name: 'Legacy__c', type: 'string' },
  ],
};
const mapping: Mapping = {
  version: 1,
  rows: [
    { target: 'LastName', source: 'name', targetType: 'string' },
    { target: 'Email', source: 'email', transform: 'email' },
    { target: 'Budget__c', source: 'budget', transform: 'number' },
    { target: 'Tier__c', source: 'tier', targetType: 'picklist' },
    { target: 'Legacy__c', source: 'legacy' },
  ],
};

describe('schema evolution', () => {
  it('keeps every row while the schema still fits', () => {
    const r = checkMappingAgainstSchema(mapping, v1, v1);
    assert.deepEqual(r.warnings, []);
    assert.equal(r.mapping.rows.length, 5);
  });

  it('warns about removed and retyped fields and keeps the rows that still work', async () => {
    const v2: TargetSchema = {
      name: 'salesforce:Lead',
      fields: [
        { name: 'LastName', type: 'string', required: true },
        { name: 'Email', type: 'email' },
        { name: 'Budget__c', type: 'date' },
        { name: 'Tier__c', type: 'string' },
      ],
    };
    const r = checkMappingAgainstSchema(mapping, v2, v1);
    assert.deepEqual(
      r.warnings.map((w) => [w.row, w.target, w.code]),
      [
        [2, 'Budget__c', 'TYPE_CHANGED'],
        [4, 'Legacy__c', 'FIELD_REMOVED'],
      ],
    );
    assert.match(r.warnings[0].message, /currency to date/);
    // picklist → string still fits (a text field takes any label).
    assert.deepEqual(r.mapping.rows.map((row) => row.target), ['LastName', 'Email', 'Tier__c']);
    assert.deepEqual(r.droppedRows, [2, 4]);
    const out = await mapRecord(compileMapping(r.mapping), { name: 'Doe', email: 'A@B.CO', budget: 'lots', tier: 'Gold', legacy: 'x' }, { schema: v2 });
    assert.equal(out.valid, true);
    assert.deepEqual(out.output, { LastName: 'Doe', Email: 'a@b.co', Tier__c: 'Gold' });
  });

  it('uses row targetType when no previous schema is known', () => {
    const r = checkMappingAgainstSchema(mapping, { fields: [...v1.fields.filter((f) => f.name !== 'LastName'), { name: 'LastName', type: 'boolean' }] });
    assert.deepEqual(r.warnings.map((w) => w.code), ['TYPE_CHANGED']);
  });

  it('skips rows whose field became read-only', () => {
    const r = checkMappingAgainstSchema(mapping, { fields: v1.fields.map((f) => (f.name === 'Email' ? { ...f, readOnly: true } : f)) });
    assert.deepEqual(r.warnings.map((w) => [w.target, w.code]), [['Email', 'READ_ONLY']]);
  });

  it('a node notices a retyped field after a schema refresh, even for rows without targetType', async () => {
    let current = v1;
    const provider: TargetSchemaProvider = { description: 'test', getSchema: async () => current };
    const untyped = { ...mapping, rows: mapping.rows.map(({ targetType: _t, ...row }) => row) };
    const state = new MapperState(JSON.stringify(untyped), provider);
    assert.deepEqual((await state.effective(undefined)).evolution?.warnings, []);
    current = { ...v1, fields: v1.fields.map((f) => (f.name === 'Budget__c' ? { ...f, type: 'boolean' as const } : f)) };
    // Cached until refreshed, like a connector's describe cache.
    assert.deepEqual((await state.effective(undefined)).evolution?.warnings, []);
    state.refreshSchema();
    const after = await state.effective(undefined);
    assert.deepEqual(after.evolution?.warnings.map((w) => [w.target, w.code]), [['Budget__c', 'TYPE_CHANGED']]);
    assert.equal(after.compiled.rows.length, 4);
  });
});
