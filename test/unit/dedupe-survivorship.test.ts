import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeRecords } from '../../src/core/dedupe/survivorship';

const cluster = [
  { Id: '1', Name: 'Bob Smith', Phone: '', Email: 'bob@old.com', Source: 'web', UpdatedAt: '2024-01-01' },
  { Id: '2', Name: 'Robert J. Smith', Phone: '+1 312 555 0101', Email: 'bob@new.com', Source: 'salesforce', UpdatedAt: '2025-06-01' },
  { Id: '3', Name: 'R Smith', Phone: null, Email: 'r@monday.com', Source: 'monday', UpdatedAt: '2025-01-01', Title: 'CTO' },
];

describe('dedupe survivorship (golden record)', () => {
  it('most complete: longest non-empty value per field; id from the survivor', () => {
    const g = mergeRecords(cluster, { defaultRule: 'mostComplete', idKey: 'Id' });
    assert.equal(g.Id, '1');
    assert.equal(g.Name, 'Robert J. Smith');
    assert.equal(g.Phone, '+1 312 555 0101');
    assert.equal(g.Title, 'CTO', 'a field only one record has survives');
  });
  it('most recent: the latest record that has a value', () => {
    const g = mergeRecords(cluster, { defaultRule: 'mostRecent', updatedAtKey: 'UpdatedAt', idKey: 'Id' });
    assert.equal(g.Email, 'bob@new.com');
    assert.equal(g.UpdatedAt, '2025-06-01');
  });
  it('source priority, per field, over the default rule', () => {
    const g = mergeRecords(cluster, {
      defaultRule: 'first',
      rules: { Email: 'sourcePriority' },
      sourceKey: 'Source',
      sourcePriority: ['monday', 'salesforce'],
    });
    assert.equal(g.Email, 'r@monday.com');
    assert.equal(g.Name, 'Bob Smith', 'first rule keeps the survivor value');
    assert.equal(g.Phone, '+1 312 555 0101', 'empty survivor values are filled from the others');
  });
  it('does not modify its input and handles an empty cluster', () => {
    const before = JSON.stringify(cluster);
    mergeRecords(cluster, { defaultRule: 'mostComplete' });
    assert.equal(JSON.stringify(cluster), before);
    assert.deepEqual(mergeRecords([], { defaultRule: 'first' }), {});
  });
});
