import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { compileMapping, mapRecord, parseMapping, schemaFromSample, suggestMapping, toTargetSchema } from '../../src/core/mapping';
import type { SuggestResult } from '../../src/core/mapping';
import { compact, tokenize } from '../../src/core/mapping/suggest/tokens';
import { kindOf, profileValues } from '../../src/core/mapping/suggest/profile';

const fixture = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'mapping', name), 'utf8'));
const board = toTargetSchema(fixture('monday-leads.board.json'));
const sf = (object: string) => toTargetSchema(fixture(`salesforce-${object}.describe.json`));

/** Asserts each expected pair is proposed and is the best-scored option for its source. */
function expectPairs(result: SuggestResult, pairs: Record<string, string>): void {
  const got = Object.fromEntries(result.suggestions.map((s) => [s.source, s.target]));
  for (const [source, target] of Object.entries(pairs)) assert.equal(got[source], target, `${source} → ${target}`);
}

describe('suggestions: helpers', () => {
  it('tokenizes camelCase, snake_case and __c names', () => {
    assert.deepEqual(tokenize('MobilePhone'), ['mobile', 'phone']);
    assert.deepEqual(tokenize('Deal_Value__c'), ['deal', 'value']);
    assert.deepEqual(tokenize('HTTPStatusCode'), ['http', 'status', 'code']);
    assert.equal(compact('E-mail'), 'email');
    assert.equal(compact('Zip/Postal Code'), 'zippostalcode');
  });

  it('profiles sample values', () => {
    assert.equal(kindOf('jane@example.com'), 'email');
    assert.equal(kindOf('+49 30 1234567'), 'phone');
    assert.equal(kindOf('2026-12-31'), 'date');
    assert.equal(kindOf('31.12.2026'), 'date');
    assert.equal(kindOf('12.500,00 €'), 'number');
    assert.equal(kindOf('yes'), 'boolean');
    assert.equal(kindOf('Acme GmbH'), undefined);
    assert.equal(profileValues(['a@b.co', 'c@d.de', '', null, 'e@f.com']), 'email');
    assert.equal(profileValues(['a@b.co', 'nope']), undefined);
  });
});

describe('suggestions: monday Leads board → Salesforce', () => {
  it('Lead: Name, Status, Email, Phone, Company, Owner, Salesforce ID', () => {
    const r = suggestMapping(board, sf('lead'));
    expectPairs(r, { name: 'LastName', status: 'Status', email: 'Email', phone: 'Phone', text_company: 'Company', people: 'OwnerId', text_sfid: 'Id' });
    const byTarget = Object.fromEntries(r.suggestions.map((s) => [s.target, s]));
    for (const t of ['Email', 'Phone', 'Company', 'Status']) assert.equal(byTarget[t].confidence, 1, t);
    assert.ok(byTarget.LastName.confidence >= 0.9);
    assert.deepEqual(byTarget.LastName.transform, { type: 'splitName', part: 'last' });
    assert.equal(byTarget.Email.transform, 'email');
    // monday statuses are not Lead statuses: a lookup is proposed, and the reasons say what to fill in.
    assert.equal((byTarget.Status.transform as { type: string }).type, 'lookup');
    assert.match(byTarget.Status.reasons.join(' '), /Follow-up, Quote, MOU/);
    // Read-only "Full Name" never beats the writable LastName.
    assert.ok(!r.suggestions.some((s) => s.target === 'Name'));
    assert.ok(r.unmatchedTargets.every((t) => !t.required));
  });

  it('Contact: Name, Email, Phone, Owner; nothing silly for Status', () => {
    const r = suggestMapping(board, sf('contact'));
    expectPairs(r, { name: 'LastName', email: 'Email', phone: 'Phone', people: 'OwnerId' });
    assert.ok(!r.suggestions.some((s) => s.source === 'status'));
    assert.ok(r.suggestions.every((s) => s.confidence >= 0.6));
  });

  it('Account: Company is the Account Name, not the person Name', () => {
    const r = suggestMapping(board, sf('account'));
    expectPairs(r, { text_company: 'Name', phone: 'Phone', people: 'OwnerId' });
    assert.ok(!r.suggestions.some((s) => s.source === 'name'));
  });

  it('Opportunity: Deal value → Amount, Close date → CloseDate, Status → StageName', () => {
    const r = suggestMapping(board, sf('opportunity'));
    expectPairs(r, { numbers: 'Amount', date4: 'CloseDate', status: 'StageName', people: 'OwnerId' });
    const amount = r.suggestions.find((s) => s.target === 'Amount')!;
    assert.ok(amount.confidence >= 0.9);
  });

  it('each suggestion is its source\'s best option and the mapping it builds is valid', () => {
    const target = sf('lead');
    const r = suggestMapping(board, target);
    const sources = new Set(r.suggestions.map((s) => s.source));
    const targets = new Set(r.suggestions.map((s) => s.target));
    assert.equal(sources.size, r.suggestions.length);
    assert.equal(targets.size, r.suggestions.length);
    const mapping = parseMapping(r.mapping);
    assert.equal(mapping.rows.find((row) => row.target === 'LastName')?.required, true);
    assert.equal(mapping.rows.find((row) => row.target === 'Email')?.targetType, 'email');
  });

  it('uses sample values when names say little', async () => {
    const { schema, samples } = schemaFromSample({ 'E-mail': 'JANE@EXAMPLE.COM', Mobile: '+49 170 1234567', Zip: '10115', 'Firma': 'Acme' });
    const target = sf('lead');
    const r = suggestMapping(schema, target, { samples });
    expectPairs(r, { 'E-mail': 'Email', Mobile: 'MobilePhone', Zip: 'PostalCode', Firma: 'Company' });
    const mapped = await mapRecord(compileMapping(r.mapping), { 'E-mail': 'JANE@EXAMPLE.COM', Mobile: '+49 170 1234567', Zip: '10115', Firma: 'Acme' });
    assert.equal(mapped.output.Email, 'jane@example.com');
    assert.equal(mapped.output.MobilePhone, '+491701234567');
  });

  it('prefers type-compatible targets and drops weak pairs', () => {
    const source = toTargetSchema({ fields: [{ name: 'Created', type: 'boolean' }, { name: 'Xyzzy', type: 'string' }] });
    const r = suggestMapping(source, sf('lead'));
    assert.ok(!r.suggestions.some((s) => s.source === 'Xyzzy'));
    assert.ok(!r.suggestions.some((s) => s.source === 'Created' && s.target === 'CreatedDate'));
  });
});
