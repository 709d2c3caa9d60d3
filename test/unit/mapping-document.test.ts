import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrmError } from '../../src/core/errors';
import { compileMapping, exportMapping, importMapping, MAPPING_SCHEMA, mapRecord, parseMapping, TRANSFORM_NAMES } from '../../src/core/mapping';
import type { Mapping } from '../../src/core/mapping';

const mappingError = (input: unknown): CrmError => {
  try {
    parseMapping(input);
  } catch (err) {
    assert.ok(err instanceof CrmError);
    assert.equal(err.code, 'MAPPING_INVALID');
    return err;
  }
  assert.fail('expected MAPPING_INVALID');
};

const sample: Mapping = {
  version: 1,
  name: 'monday → Lead',
  options: { locale: 'de-DE', timeZone: 'Europe/Berlin', defaultCountry: 'DE' },
  rows: [
    { target: 'LastName', source: 'Name', transform: { type: 'splitName', part: 'last' }, required: true },
    { target: 'FirstName', source: 'Name', transform: { type: 'splitName', part: 'first' } },
    { target: 'Email', source: 'Email', transform: ['trim', 'email'] },
    { target: 'Phone', source: 'Phone', transform: 'phone' },
    { target: 'AnnualRevenue', source: 'Deal value', transform: { type: 'number', decimals: 2 } },
    { target: 'Status', source: 'Status', transform: { type: 'lookup', table: { 'Follow-up': 'Working - Contacted' }, unmapped: 'default', default: 'Open - Not Contacted' } },
    { target: 'LeadSource', constant: 'Partner Referral' },
    { target: 'Description', expression: "'Close ' & `Close date`", default: 'n/a' },
  ],
};

describe('mapping document', () => {
  it('accepts a valid mapping as object or JSON text', () => {
    assert.equal(parseMapping(sample).rows.length, 8);
    assert.equal(parseMapping(JSON.stringify(sample)).name, 'monday → Lead');
  });

  it('rejects a bad transform with the ajv path of the row', () => {
    const bad = { version: 1, rows: [{ target: 'A', source: 'a' }, { target: 'B', source: 'b' }, { target: 'C', source: 'c', transform: 'capitalize' }] };
    const err = mappingError(bad);
    assert.match(err.message, /\/rows\/2\/transform/);
    assert.match(err.message, /trim, lower/);
  });

  it('names rows without exactly one value source', () => {
    assert.match(mappingError({ version: 1, rows: [{ target: 'A' }] }).message, /\/rows\/0: needs exactly one of "source", "sources", "constant" or "expression"/);
    assert.match(mappingError({ version: 1, rows: [{ target: 'A', source: 'a', constant: 1 }] }).message, /\/rows\/0: needs exactly one/);
  });

  it('reports lookups without a table, unknown keys, wrong versions and broken JSON', () => {
    assert.match(mappingError({ version: 1, rows: [{ target: 'A', source: 'a', transform: { type: 'lookup' } }] }).message, /\/rows\/0\/transform.*table/);
    assert.match(mappingError({ version: 1, rows: [{ target: 'A', source: 'a', sauce: 1 }] }).message, /\/rows\/0: .*"sauce"/);
    assert.match(mappingError({ version: 2, rows: [] }).message, /\/version/);
    assert.match(mappingError('{"version": 1, rows: []}').message, /not valid JSON/);
    assert.match(mappingError(null).message, /must be object/);
  });

  it('reports JSONata syntax errors at compile time with the row path', () => {
    assert.throws(() => compileMapping({ version: 1, rows: [{ target: 'A', expression: 'Name &' }] }), (err: unknown) => err instanceof CrmError && err.code === 'MAPPING_INVALID' && /\/rows\/0\/expression/.test(err.message));
  });

  it('publishes every transform in the JSON Schema', () => {
    const names = (MAPPING_SCHEMA.definitions.stepName as { enum: string[] }).enum;
    assert.deepEqual([...names].sort(), [...TRANSFORM_NAMES].sort());
  });

  it('round-trips through a file: export → import → identical output', async () => {
    const text = exportMapping(sample);
    assert.ok(text.endsWith('\n'));
    const again = importMapping(text);
    assert.deepEqual(again, parseMapping(sample));
    assert.equal(exportMapping(again), text);
    const record = { Name: 'Jane Doe', Email: ' JANE@EXAMPLE.COM', Phone: '030 1234567', 'Deal value': '1.234,5', Status: 'Follow-up', 'Close date': '2026-12-31' };
    const a = await mapRecord(compileMapping(sample), record);
    const b = await mapRecord(compileMapping(again), record);
    assert.deepEqual(b, a);
    assert.deepEqual(a.output, {
      LastName: 'Doe',
      FirstName: 'Jane',
      Email: 'jane@example.com',
      Phone: '+49301234567',
      AnnualRevenue: 1234.5,
      Status: 'Working - Contacted',
      LeadSource: 'Partner Referral',
      Description: 'Close 2026-12-31',
    });
  });
});
