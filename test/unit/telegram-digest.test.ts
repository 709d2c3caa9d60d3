import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeWindow, DigestBook } from '../../src/core/alert-digest';

describe('telegram digest bookkeeping', () => {
  it('sends the first alert, counts repeats in the window and reports them when it closes', () => {
    const book = new DigestBook<string>(1000);
    assert.deepEqual(book.offer('k', 'first', 0), { action: 'send' });
    assert.deepEqual(book.offer('k', 'again', 100), { action: 'coalesce', count: 1 });
    assert.deepEqual(book.offer('k', 'again', 999), { action: 'coalesce', count: 2 });
    assert.equal(book.pending, 2);
    assert.equal(book.nextDue(), 1000);
    assert.deepEqual(book.due(999), []);
    const due = book.due(1000);
    assert.equal(due.length, 1);
    assert.equal(due[0].count, 2);
    assert.equal(due[0].first, 'first');
    assert.deepEqual(book.offer('k', 'new window', 1001), { action: 'send' });
  });

  it('keeps keys apart and reports nothing for windows without repeats', () => {
    const book = new DigestBook<number>(100);
    book.offer('a', 1, 0);
    book.offer('b', 2, 50);
    book.offer('b', 3, 60);
    assert.deepEqual(book.due(100), []);
    assert.deepEqual(book.due(150).map((e) => [e.key, e.count]), [['b', 1]]);
    assert.equal(book.nextDue(), undefined);
  });

  it('drains pending repeats on close and forgets keys whose first alert failed', () => {
    const book = new DigestBook<number>(1000);
    book.offer('a', 1, 0);
    book.offer('a', 1, 1);
    book.offer('b', 1, 0);
    book.forget('b');
    assert.deepEqual(book.offer('b', 1, 2), { action: 'send' });
    assert.deepEqual(book.drain().map((e) => [e.key, e.count]), [['a', 1]]);
    assert.equal(book.pending, 0);
  });

  it('sends everything when the window is 0', () => {
    const book = new DigestBook<number>(0);
    assert.deepEqual(book.offer('a', 1, 0), { action: 'send' });
    assert.deepEqual(book.offer('a', 1, 0), { action: 'send' });
  });

  it('describes windows the way people say them', () => {
    assert.equal(describeWindow(300_000), '5 min');
    assert.equal(describeWindow(30_000), '30 s');
    assert.equal(describeWindow(7_200_000), '2 h');
  });
});
