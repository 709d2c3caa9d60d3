import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CrmError } from '../../src/core/errors';
import { detectSchemaKind, fromJsonSchema, fromMondayColumns, fromSalesforceDescribe, toTargetSchema, validateRecord } from '../../src/core/mapping';

const fixture = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'mapping', name), 'utf8'));

describe('target schema adapters', () => {
  it('reads a Salesforce describe: types, lengths, required, picklists, read-only', () => {
    const lead = fromSalesforceDescribe(fixture('salesforce-lead.describe.json') as never);
    const f = (n: string) => lead.fields.find((x) => x.name === n)!;
    assert.equal(lead.name, 'salesforce:Lead');
    assert.deepEqual(f('LastName'), { name: 'LastName', label: 'Last Name', type: 'string', required: true, length: 80 });
    assert.equal(f('Company').required, true);
    // Status is not nillable but defaulted on create: not required from the mapper's point of view.
    assert.equal(f('Status').required, false);
    assert.deepEqual(f('Status').picklist, ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted']);
    assert.equal(f('Status').restricted, true);
    assert.equal(f('Email').type, 'email');
    assert.equal(f('AnnualRevenue').type, 'currency');
    assert.equal(f('NumberOfEmployees').type, 'integer');
    assert.equal(f('OwnerId').type, 'reference');
    assert.equal(f('OwnerId').required, false);
    assert.equal(f('Name').readOnly, true);
    assert.equal(f('Id').key, true);
    assert.equal(f('Monday_Item_Id__c').key, true);
    assert.equal(f('IsConverted').required, false);
  });

  it('reads monday board columns with settings_str or settings', () => {
    const board = fixture('monday-leads.board.json') as { columns: never[]; name: string };
    const s = fromMondayColumns(board.columns, board.name);
    const f = (n: string) => s.fields.find((x) => x.name === n)!;
    assert.equal(s.name, 'monday:Leads');
    assert.deepEqual(f('status').picklist, ['Follow-up', 'Quote', 'MOU', 'Qualified', 'Lost']);
    assert.equal(f('status').restricted, false);
    assert.equal(f('name').required, true);
    assert.equal(f('numbers').type, 'number');
    assert.equal(f('date4').type, 'date');
    assert.equal(f('people').type, 'people');
    const modern = fromMondayColumns([
      { id: 'dd', title: 'Tags', type: 'dropdown', settings: { labels: [{ id: 1, name: 'VIP' }, { id: 2, name: 'Partner' }] } },
      { id: 'f', title: 'Total', type: 'formula', settings_str: 'not json' },
    ]);
    assert.deepEqual(modern.fields[0].picklist, ['VIP', 'Partner']);
    assert.equal(modern.fields[1].readOnly, true);
  });

  it('reads a JSON Schema', () => {
    const s = fromJsonSchema({
      title: 'Contact',
      required: ['email'],
      properties: {
        email: { type: 'string', format: 'email', maxLength: 80 },
        birthday: { type: ['string', 'null'], format: 'date' },
        tier: { type: 'string', enum: ['gold', 'silver'] },
        tags: { type: 'array', items: { enum: ['a', 'b'] } },
        score: { type: 'integer' },
      },
    });
    assert.deepEqual(
      s.fields.map((f) => [f.name, f.type, f.required]),
      [['email', 'email', true], ['birthday', 'date', false], ['tier', 'picklist', false], ['tags', 'multipicklist', false], ['score', 'integer', false]],
    );
    assert.equal(s.fields[0].length, 80);
  });

  it('detects which kind of schema it was given and rejects others clearly', () => {
    assert.equal(detectSchemaKind(fixture('salesforce-account.describe.json')), 'salesforce');
    assert.equal(detectSchemaKind(fixture('monday-leads.board.json')), 'monday');
    assert.equal(detectSchemaKind((fixture('monday-leads.board.json') as { columns: unknown }).columns), 'monday');
    assert.equal(detectSchemaKind({ properties: {} }), 'json-schema');
    assert.equal(detectSchemaKind({ fields: [{ name: 'A', type: 'string' }] }), 'neutral');
    for (const bad of ['{nope', '[1,2]', '{"fields": "x"}', 42]) {
      assert.throws(() => toTargetSchema(bad), (e: unknown) => e instanceof CrmError && e.code === 'SCHEMA_INVALID');
    }
  });
});

describe('record validation', () => {
  const schema = toTargetSchema(fixture('salesforce-opportunity.describe.json'));

  it('accepts a well-formed Opportunity', () => {
    assert.deepEqual(validateRecord({ Name: 'Acme deal', StageName: 'Prospecting', CloseDate: '2026-12-31', Amount: 12500 }, schema), []);
  });

  it('checks types, required fields, length, picklists, read-only and unknown fields', () => {
    const problems = validateRecord(
      { Name: 'x'.repeat(121), StageName: 'Maybe', CloseDate: '31.12.2026', Amount: '12,500', IsWon: true, Foo__c: 1 },
      schema,
    );
    const codes = problems.map((p) => `${p.field}:${p.code}`).sort();
    assert.deepEqual(codes, ['Amount:TYPE_MISMATCH', 'CloseDate:TYPE_MISMATCH', 'Foo__c:UNKNOWN_FIELD', 'IsWon:READ_ONLY', 'Name:TOO_LONG', 'StageName:PICKLIST_INVALID']);
    const missing = validateRecord({}, schema).map((p) => `${p.field}:${p.code}`);
    assert.deepEqual(missing.sort(), ['CloseDate:REQUIRED_MISSING', 'Name:REQUIRED_MISSING', 'StageName:REQUIRED_MISSING']);
    assert.deepEqual(validateRecord({}, schema, { checkRequired: false }), []);
  });

  it('checks email, integer, date-time and multi-select values', () => {
    const s = toTargetSchema({
      fields: [
        { name: 'E', type: 'email' },
        { name: 'I', type: 'integer' },
        { name: 'T', type: 'datetime' },
        { name: 'M', type: 'multipicklist', picklist: ['a', 'b'] },
        { name: 'B', type: 'boolean' },
      ],
    });
    const codes = validateRecord({ E: 'x', I: 1.5, T: '2026-01-01', M: 'a;c', B: 'yes' }, s).map((p) => `${p.field}:${p.code}`);
    assert.deepEqual(codes, ['E:TYPE_MISMATCH', 'I:TYPE_MISMATCH', 'T:TYPE_MISMATCH', 'M:PICKLIST_INVALID', 'B:TYPE_MISMATCH']);
    assert.deepEqual(validateRecord({ E: 'a@b.co', I: 2, T: '2026-01-01T10:00:00Z', M: ['a', 'b'], B: false }, s), []);
  });
});
