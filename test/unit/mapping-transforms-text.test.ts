import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TransformContext } from '../../src/core/mapping/transforms/base';
import { TransformFailure } from '../../src/core/mapping/transforms/base';
import { joinName, splitFullName, splitName } from '../../src/core/mapping/transforms/names';
import { email, join, lower, text, trim, truncate, upper } from '../../src/core/mapping/transforms/text';

const ctx: TransformContext = { options: {} };
const fails = (fn: () => unknown, code: string): void => {
  assert.throws(fn, (err: unknown) => err instanceof TransformFailure && err.code === code);
};

describe('mapping transforms: text', () => {
  it('trim collapses inner whitespace and passes empties through', () => {
    assert.equal(trim('  Acme \t  GmbH \n', {}, ctx), 'Acme GmbH');
    assert.equal(trim(undefined, {}, ctx), undefined);
    assert.equal(trim(42, {}, ctx), '42');
    fails(() => trim({ a: 1 }, {}, ctx), 'NOT_TEXT');
  });

  it('lower and upper change case', () => {
    assert.equal(lower('ÄBC Def', {}, ctx), 'äbc def');
    assert.equal(upper('straße', {}, ctx), 'STRASSE');
  });

  it('text reads monday column objects by their text', () => {
    assert.equal(text({ text: 'Done', value: '{"index":1}' }, {}, ctx), 'Done');
    assert.equal(text(12.5, {}, ctx), '12.5');
  });

  it('truncate cuts to the given or the target field length, by characters', () => {
    assert.equal(truncate('abcdef', { length: 4 }, ctx), 'abcd');
    assert.equal(truncate('abcdef', { length: 4, ellipsis: '…' }, ctx), 'abc…');
    assert.equal(truncate('abcdef', {}, { options: {}, field: { name: 'X', type: 'string', length: 3 } }), 'abc');
    assert.equal(truncate('😀😀😀', { length: 2 }, ctx), '😀😀');
    assert.equal(truncate('short', {}, ctx), 'short');
  });

  it('join concatenates several sources and skips empty parts', () => {
    assert.equal(join(['Main St 1', '', null, 'Berlin'], { separator: ', ' }, ctx), 'Main St 1, Berlin');
  });

  it('email normalises case, display names and mailto', () => {
    assert.equal(email('  Jane.Doe@Example.COM ', {}, ctx), 'jane.doe@example.com');
    assert.equal(email('Jane Doe <JANE@example.com>', {}, ctx), 'jane@example.com');
    assert.equal(email('mailto:ops@example.org', {}, ctx), 'ops@example.org');
    assert.equal(email({ email: 'A@B.DE', text: 'A' }, {}, ctx), 'a@b.de');
    fails(() => email('not-an-email', {}, ctx), 'INVALID_EMAIL');
    fails(() => email('a@b', {}, ctx), 'INVALID_EMAIL');
  });
});

describe('mapping transforms: names', () => {
  it('splits full names into first and last', () => {
    assert.deepEqual(splitFullName('Jane Doe'), { first: 'Jane', last: 'Doe' });
    assert.deepEqual(splitFullName('Mary Ann Smith'), { first: 'Mary Ann', last: 'Smith' });
    assert.deepEqual(splitFullName('Ludwig van Beethoven'), { first: 'Ludwig', last: 'van Beethoven' });
    assert.deepEqual(splitFullName('Doe, Jane'), { first: 'Jane', last: 'Doe' });
    assert.deepEqual(splitFullName('Dr. Martin Luther King Jr.'), { first: 'Martin Luther', last: 'King Jr.' });
    assert.deepEqual(splitFullName('Madonna'), { first: '', last: 'Madonna' });
  });

  it('splitName picks a part (last by default)', () => {
    assert.equal(splitName('Jane Doe', { part: 'first' }, ctx), 'Jane');
    assert.equal(splitName('Jane Doe', {}, ctx), 'Doe');
    fails(() => splitName('Jane Doe', { part: 'middle' }, ctx), 'BAD_OPTION');
  });

  it('joinName joins back in either order', () => {
    assert.equal(joinName(['Jane', 'Doe'], {}, ctx), 'Jane Doe');
    assert.equal(joinName(['Jane', 'Doe'], { order: 'last-first' }, ctx), 'Doe, Jane');
    assert.equal(joinName(['', 'Doe'], {}, ctx), 'Doe');
    assert.equal(joinName([' Jane ', null], {}, ctx), 'Jane');
  });

  it('split then join gives the name back', () => {
    const full = 'Mary Ann van der Berg';
    const { first, last } = splitFullName(full);
    assert.equal(joinName([first, last], {}, ctx), full);
  });
});
