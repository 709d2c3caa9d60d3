import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileMapping, mapRecord, mapRecords, toTargetSchema } from '../../src/core/mapping';
import type { Mapping, TargetSchema } from '../../src/core/mapping';

const schema: TargetSchema = {
  name: 'salesforce:Lead',
  fields: [
    { name: 'LastName', type: 'string', length: 80, required: true },
    { name: 'Company', type: 'string', length: 255, required: true },
    { name: 'Email', type: 'email', length: 80 },
    { name: 'NumberOfEmployees', type: 'integer' },
    { name: 'Rating', type: 'picklist', picklist: ['Hot', 'Warm', 'Cold'], restricted: true },
    { name: 'IsVip__c', type: 'boolean' },
  ],
};

const mapping: Mapping = {
  version: 1,
  rows: [
    { target: 'LastName', source: 'name', transform: 'splitName', required: true },
    { target: 'Company', source: 'company.name' },
    { target: 'Email', source: 'email', transform: 'email' },
    { target: 'NumberOfEmployees', source: 'size', transform: { type: 'number', integer: true } },
    { target: 'Rating', source: 'rating' },
    { target: 'IsVip__c', source: 'vip', transform: 'boolean', default: false },
  ],
};
const compiled = compileMapping(mapping);
const good = { name: 'Jane Doe', company: { name: 'Acme' }, email: 'JANE@ACME.COM', size: '120', rating: 'Hot', vip: 'yes' };

describe('mapping engine', () => {
  it('maps a good record and validates it against the schema', async () => {
    const r = await mapRecord(compiled, good, { schema });
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.output, { LastName: 'Doe', Company: 'Acme', Email: 'jane@acme.com', NumberOfEmployees: 120, Rating: 'Hot', IsVip__c: true });
  });

  it('lists every problem of a bad record: missing key fields, wrong types, failing transforms, picklists', async () => {
    const r = await mapRecord(compiled, { name: '', email: 'nope', size: 'many', rating: 'Lukewarm', vip: 'maybe' }, { schema });
    assert.equal(r.valid, false);
    const byField = Object.fromEntries(r.problems.map((p) => [p.field, p.code]));
    assert.deepEqual(byField, {
      LastName: 'REQUIRED_MISSING',
      Email: 'INVALID_EMAIL',
      NumberOfEmployees: 'INVALID_NUMBER',
      IsVip__c: 'INVALID_BOOLEAN',
      Rating: 'PICKLIST_INVALID',
      Company: 'REQUIRED_MISSING',
    });
    for (const p of r.problems) assert.ok(p.message.length > 5, p.code);
  });

  it('uses defaults for missing values and constants, sources and expressions', async () => {
    const m = compileMapping({
      version: 1,
      rows: [
        { target: 'full', sources: ['first', 'last'], transform: 'joinName' },
        { target: 'source', constant: 'monday' },
        { target: 'cleared', constant: null },
        { target: 'label', expression: '$uppercase(status.label) & " (" & $string($count(tags)) & ")"' },
        { target: 'owner.id', source: 'people.personsAndTeams[0].id' },
        { target: 'missing', source: 'nothing', default: 'n/a' },
        { target: 'dotted', source: '["a.b"]' },
      ],
    });
    const r = await mapRecord(m, { first: 'Jane', last: 'Doe', status: { label: 'Quote' }, tags: [1, 2], people: { personsAndTeams: [{ id: 7, kind: 'person' }] }, 'a.b': 'x' });
    assert.deepEqual(r.output, { full: 'Jane Doe', source: 'monday', cleared: null, label: 'QUOTE (2)', owner: { id: 7 }, missing: 'n/a', dotted: 'x' });
    assert.equal(r.valid, true);
  });

  it('turns a failing JSONata expression into a per-record problem', async () => {
    const m = compileMapping({ version: 1, rows: [{ target: 'x', expression: '$number(value)' }] });
    const r = await mapRecord(m, { value: 'abc' });
    assert.equal(r.problems[0].code, 'EXPRESSION_FAILED');
  });

  it('rejects non-objects per record and never throws on bad input', async () => {
    for (const bad of [null, undefined, 'text', 42, [1, 2], true]) {
      const r = await mapRecord(compiled, bad, { schema });
      assert.equal(r.valid, false);
      assert.equal(r.problems[0].code, 'NOT_AN_OBJECT');
    }
  });

  it('reports huge strings as too long without echoing them', async () => {
    const huge = 'x'.repeat(1_000_000);
    const r = await mapRecord(compiled, { ...good, name: `Jane ${huge}` }, { schema });
    const p = r.problems.find((x) => x.field === 'LastName');
    assert.equal(p?.code, 'TOO_LONG');
    assert.ok((p?.message.length ?? 0) < 200);
    const e = await mapRecord(compiled, { ...good, email: huge }, { schema });
    assert.ok((e.problems[0].message.length ?? 0) < 200);
  });

  it('splits a batch into valid and invalid records with their indexes', async () => {
    const batch = await mapRecords(compiled, [good, { ...good, email: 'bad' }, good, 'junk'], { schema });
    assert.deepEqual(batch.valid.map((v) => v.index), [0, 2]);
    assert.deepEqual(batch.invalid.map((v) => v.index), [1, 3]);
    assert.equal((batch.invalid[0].record as { email: string }).email, 'bad');
    const empty = await mapRecords(compiled, [], { schema });
    assert.deepEqual(empty, { valid: [], invalid: [] });
  });

  it('flags unknown target fields unless told to ignore them', async () => {
    const m = compileMapping({ version: 1, rows: [{ target: 'LastName', constant: 'Doe' }, { target: 'Company', constant: 'Acme' }, { target: 'Typo__c', constant: 1 }] });
    assert.equal((await mapRecord(m, {}, { schema })).problems[0].code, 'UNKNOWN_FIELD');
    assert.equal((await mapRecord(m, {}, { schema, validate: { unknownFields: 'ignore' } })).valid, true);
  });

  it('refuses prototype-polluting target paths when the mapping is compiled', () => {
    assert.throws(() => compileMapping({ version: 1, rows: [{ target: 'a.__proto__.polluted', constant: 1 }] }), /\/rows\/0\/target must not contain "__proto__"/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('truncates to the target length when asked', async () => {
    const s = toTargetSchema({ properties: { Title: { type: 'string', maxLength: 5 } } });
    const m = compileMapping({ version: 1, rows: [{ target: 'Title', source: 't', transform: ['trim', 'truncate'] }] });
    assert.deepEqual((await mapRecord(m, { t: '  Chief Executive ' }, { schema: s })).output, { Title: 'Chief' });
  });
});
