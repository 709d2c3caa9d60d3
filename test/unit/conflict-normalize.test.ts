import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_EQUIVALENCE, recordHash, sameValue } from '../../src/core/conflict';

const eq = DEFAULT_EQUIVALENCE;

describe('conflict value equivalence', () => {
  it('treats null, undefined and "" alike by default, and apart when switched off', () => {
    assert.ok(sameValue(null, undefined, eq));
    assert.ok(sameValue('', null, eq));
    assert.ok(!sameValue('', null, { ...eq, emptyEqualsNull: false }));
    assert.ok(sameValue(undefined, null, { ...eq, emptyEqualsNull: false }), 'undefined is always null');
  });

  it('compares numbers with plain decimal strings, but keeps leading zeros and huge numbers as text', () => {
    assert.ok(sameValue(42, '42', eq));
    assert.ok(sameValue(42, '42.0', eq));
    assert.ok(sameValue(-3.5, '-3.5', eq));
    assert.ok(!sameValue('01234', 1234, eq), 'zip-code-like text is not a number');
    assert.ok(!sameValue('12345678901234567890', '12345678901234567891', eq), 'no precision loss');
    assert.ok(!sameValue(42, '42', { ...eq, numericStrings: false }));
  });

  it('compares ISO date-times as instants, whatever the offset notation', () => {
    assert.ok(sameValue('2024-05-01T10:00:00Z', '2024-05-01T12:00:00+02:00', eq));
    assert.ok(sameValue('2024-05-01T10:00:00.000+0000', '2024-05-01T10:00:00Z', eq), 'Salesforce +0000');
    assert.ok(sameValue(new Date('2024-05-01T10:00:00Z'), '2024-05-01 10:00:00', eq), 'no offset reads as UTC');
    assert.ok(!sameValue('2024-05-01T10:00:00Z', '2024-05-01T10:00:01Z', eq));
    assert.ok(!sameValue('2024-05-01T10:00:00Z', '2024-05-01T12:00:00+02:00', { ...eq, datesAsInstants: false }));
    assert.ok(!sameValue('2024-05-01', '2024-05-01T00:00:00Z', eq), 'date-only stays text');
  });

  it('compares arrays in order unless told to ignore order; objects ignore key order', () => {
    assert.ok(!sameValue(['a', 'b'], ['b', 'a'], eq));
    assert.ok(sameValue(['a', 'b', 'a'], ['a', 'a', 'b'], { ...eq, arraysUnordered: true }));
    assert.ok(!sameValue(['a', 'b'], ['a', 'b', 'b'], { ...eq, arraysUnordered: true }), 'multiset, not set');
    assert.ok(sameValue({ x: 1, y: [1, '2'] }, { y: ['1', 2], x: '1' }, eq));
  });

  it('trims strings only when asked', () => {
    assert.ok(!sameValue(' Ann ', 'Ann', eq));
    assert.ok(sameValue(' Ann ', 'Ann', { ...eq, trimStrings: true }));
    assert.ok(sameValue('   ', null, { ...eq, trimStrings: true }));
  });

  it('hashes records stably: key order, normalisation and empty fields do not matter', () => {
    const a = recordHash({ Name: 'Ann', Amount: 10, Phone: '' }, eq);
    const b = recordHash({ Amount: '10', Name: 'Ann' }, eq);
    assert.equal(a, b);
    assert.match(a, /^sha256:[0-9a-f]{64}$/);
    assert.notEqual(a, recordHash({ Name: 'Ann', Amount: 11 }, eq));
    assert.equal(recordHash({ Name: 'Ann', Id: '1' }, eq, new Set(['Id'])), recordHash({ Name: 'Ann', Id: '2' }, eq, new Set(['Id'])));
  });
});
