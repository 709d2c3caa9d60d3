import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildProfile } from '../../src/core/dedupe/custom-profile';
import { dedupeBatch } from '../../src/core/dedupe/engine';
import type { DedupeOptions } from '../../src/core/dedupe/engine';
import { MemoryDedupeIndex } from '../../src/core/dedupe/index-store';
import { ACCOUNT_PROFILE, CONTACT_PROFILE } from '../../src/core/dedupe/profiles';

const contacts: DedupeOptions = {
  profile: CONTACT_PROFILE,
  mapping: { firstName: 'first', lastName: 'last', email: 'email', phone: 'phone', city: 'city' },
  idKey: 'id',
  matchThreshold: 8,
  reviewThreshold: 3,
};

const batch = [
  { id: 'a', first: 'Robert', last: 'Smith', email: 'Bob.Smith+crm@Example.com', phone: '(312) 555-0101', city: 'Chicago' },
  { id: 'b', first: 'Bob', last: 'Smith', email: 'bob.smith@example.com', phone: '+1 312 555 0101' },
  { id: 'c', first: 'Alice', last: 'Jones', email: 'alice@example.org', city: 'Boston' },
  { id: 'd', first: 'Robbie', last: 'Smyth', phone: '312.555.0101', city: 'Chicago' },
  { id: 'e', first: 'Alice', last: 'Jonas', city: 'Denver' },
];

describe('dedupe engine within a batch', () => {
  it('splits unique records from duplicates, with cluster, match, score and explanation', async () => {
    const r = await dedupeBatch(batch, contacts);
    assert.deepEqual((r.unique as Array<{ id: string }>).map((u) => u.id), ['a', 'c', 'e']);
    assert.deepEqual(r.duplicates.map((d) => [d.id, d.clusterId]), [['b', 'c:a'], ['d', 'c:a']]);
    const b = r.duplicates[0];
    assert.equal(b.matchedId, 'a');
    assert.equal(b.matchedInIndex, false);
    assert.equal(b.index, 1);
    assert.ok(b.score >= 8);
    assert.deepEqual(b.explanation.agreed.map((f) => f.field).sort(), ['email', 'firstName', 'lastName', 'phone']);
    assert.deepEqual(b.explanation.missing, ['city']);
    assert.deepEqual(r.clusters, [{ clusterId: 'c:a', members: ['a', 'b', 'd'] }]);
    assert.equal(r.stats.records, 5);
    assert.equal(r.stats.duplicates, 2);
  });
  it('flags pairs between the thresholds for review without merging them', async () => {
    const r = await dedupeBatch(batch, contacts);
    assert.equal(r.review.length, 1);
    const p = r.review[0];
    assert.equal(p.review, true);
    assert.deepEqual([p.a.id, p.b.id], ['c', 'e']);
    assert.ok(p.score >= 3 && p.score < 8, String(p.score));
    assert.deepEqual(p.explanation.partial.map((f) => f.field), ['lastName']);
  });
  it('sends bad records to errors and processes the rest', async () => {
    const r = await dedupeBatch(
      [
        'not a record',
        null,
        { id: 'x1', first: 'Ann', last: { nested: true } },
        { id: 'x2', first: 'Ann', last: 'Lee', email: 'x'.repeat(5000) },
        { id: 'x3', city: 'Paris' },
        { id: ['bad'], first: 'Ann', last: 'Lee' },
        { id: 'ok', first: 'Ann', last: 'Lee' },
      ],
      contacts,
    );
    assert.deepEqual(r.errors.map((e) => [e.index, e.code]), [
      [0, 'NOT_AN_OBJECT'],
      [1, 'NOT_AN_OBJECT'],
      [2, 'WRONG_TYPE'],
      [3, 'VALUE_TOO_LONG'],
      [4, 'MISSING_KEY_FIELDS'],
      [5, 'BAD_ID'],
    ]);
    assert.deepEqual(r.errors[2].params, { field: 'last', type: 'object' });
    assert.equal(r.errors[3].params.length, 5000);
    assert.equal(r.errors[4].params.fields, 'lastName, firstName, email, phone');
    assert.deepEqual(r.unique, [{ id: 'ok', first: 'Ann', last: 'Lee' }]);
  });
  it('handles an empty batch', async () => {
    const r = await dedupeBatch([], contacts, new MemoryDedupeIndex());
    assert.deepEqual([r.unique, r.duplicates, r.errors, r.stats.comparisons], [[], [], [], 0]);
  });
  it('joins several record keys into one field and reads dotted paths', async () => {
    const r = await dedupeBatch(
      [
        { id: 1, org: { name: 'ACME Inc.' }, no: '12', street: 'High Street', phone: '020 7946 0958' },
        { id: 2, org: { name: 'Acme Corporation' }, no: 12, street: 'High St', phone: '+44 20 7946 0958' },
      ],
      { matchThreshold: 12, reviewThreshold: 6, profile: ACCOUNT_PROFILE, idKey: 'id', mapping: { name: 'org.name', street: ['no', 'street'], phone: 'phone' }, normalize: { defaultCountry: 'GB' } },
    );
    assert.equal(r.duplicates.length, 1);
    assert.deepEqual(r.duplicates[0].explanation.agreed.map((f) => f.field).sort(), ['name', 'phone', 'street']);
  });
  it('merges each cluster into a golden record on output 1 when asked', async () => {
    const r = await dedupeBatch(batch, { ...contacts, merge: { defaultRule: 'mostComplete' } });
    const golden = r.unique[0] as Record<string, unknown>;
    assert.equal(golden.id, 'a');
    assert.equal(golden.first, 'Robert', 'equal length: the more complete record wins');
    assert.equal(golden.phone, '+1 312 555 0101');
    assert.equal(golden.email, 'Bob.Smith+crm@Example.com');
    assert.equal(r.clusters[0].golden, golden);
    assert.equal(r.unique.length, 3);
  });
});

describe('dedupe engine across runs (memory index)', () => {
  it('finds duplicates of earlier batches and keeps their cluster id', async () => {
    const index = new MemoryDedupeIndex();
    await dedupeBatch(batch.slice(0, 3), contacts, index);
    assert.equal(await index.size('default'), 3);
    const r = await dedupeBatch([{ id: 'z', first: 'Rob', last: 'Smith', phone: '312-555-0101' }, { id: 'y', first: 'Zoe', last: 'King' }], contacts, index);
    assert.deepEqual(r.duplicates.map((d) => [d.id, d.matchedInIndex, d.clusterId]), [['z', true, 'c:a']]);
    assert.deepEqual(r.unique, [{ id: 'y', first: 'Zoe', last: 'King' }]);
    assert.equal(r.stats.indexCandidates > 0, true);
    assert.equal(await index.size('default'), 5);
  });
  it('re-sending a record with the same id compares it fresh instead of matching its stale copy', async () => {
    const index = new MemoryDedupeIndex();
    await dedupeBatch([batch[2]], contacts, index);
    const r = await dedupeBatch([{ ...batch[2], city: 'Cambridge' }], contacts, index);
    assert.equal(r.duplicates.length, 0);
    assert.equal(r.unique.length, 1);
    assert.equal(await index.size('default'), 1);
  });
  it('relabels two indexed clusters a new record links', async () => {
    const index = new MemoryDedupeIndex();
    await dedupeBatch([{ id: 'p', first: 'Ann', last: 'Lee', email: 'ann@x.io' }], contacts, index);
    await dedupeBatch([{ id: 'q', first: 'Ann', last: 'Lee', phone: '+1 415 555 0100' }], contacts, index);
    const r = await dedupeBatch([{ id: 'r', first: 'Ann', last: 'Lee', email: 'ann@x.io', phone: '+1 415 555 0100' }], contacts, index);
    assert.equal(r.duplicates[0].clusterId, 'c:p');
    const all = await index.candidates('default', ['email:ann@x.io', 'phone:+14155550100'], 10);
    assert.deepEqual([...new Set(all.map((c) => c.clusterId))], ['c:p']);
  });
  it('keeps namespaces apart', async () => {
    const index = new MemoryDedupeIndex();
    await dedupeBatch([batch[0]], { ...contacts, namespace: 'one' }, index);
    const r = await dedupeBatch([batch[1]], { ...contacts, namespace: 'two' }, index);
    assert.equal(r.duplicates.length, 0);
  });
});

describe('dedupe custom profiles', () => {
  it('builds from a field table with overrides and derived blocking', () => {
    const p = buildProfile('custom', [{ field: 'sku', kind: 'id', m: 0.93, u: 0.001 }, { field: 'title', kind: 'text' }]);
    assert.equal(p.fields[0].m, 0.93);
    assert.deepEqual(p.blocking.map((b) => b.name), ['v-sku']);
    assert.deepEqual(p.requireAny, ['sku', 'title']);
  });
  it('narrows a built-in profile to the mapped fields', () => {
    const p = buildProfile('contact', [{ field: 'email' }, { field: 'lastName', u: 0.01 }]);
    assert.deepEqual(p.fields.map((f) => [f.field, f.kind, f.u]), [['email', 'email', 0.0001], ['lastName', 'surname', 0.01]]);
    assert.ok(p.blocking.every((r) => r.parts.every((x) => ['email', 'lastName'].includes(x.field))));
  });
  it('rejects impossible probabilities and empty tables', () => {
    assert.throws(() => buildProfile('custom', [{ field: 'x', kind: 'text', m: 0.1, u: 0.5 }]), /u \(chance agreement\) must be smaller than m/);
    assert.throws(() => buildProfile('custom', [{ field: 'x', kind: 'text', m: 2, u: 0.5 }]), /between 0 and 1/);
    assert.throws(() => buildProfile('contact', []), /field table is empty/);
  });
});
