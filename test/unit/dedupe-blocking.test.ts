import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockingKeys, candidatePairs } from '../../src/core/dedupe/blocking';
import { buildProfile, deriveBlocking } from '../../src/core/dedupe/custom-profile';
import { CONTACT_PROFILE } from '../../src/core/dedupe/profiles';
import { UnionFind } from '../../src/core/dedupe/union-find';

describe('dedupe blocking keys', () => {
  it('gives several keys per record and skips rules with a missing part', () => {
    const keys = blockingKeys({ firstName: 'robert', lastName: 'smith', email: 'bob.smith@x.io', dob: '19710624' }, CONTACT_PROFILE.blocking);
    assert.ok(keys.includes('email:bob.smith@x.io'));
    assert.ok(keys.includes('email-local:bob.smith'));
    assert.ok(keys.includes('sx-last-first:S530|r'));
    assert.ok(keys.includes('last3-dob:smi|1971'));
    assert.ok(!keys.some((k) => k.startsWith('phone:')), 'no phone, no phone key');
  });
  it('gives swapped names the same unordered key', () => {
    const a = blockingKeys({ firstName: 'caleb', lastName: 'rowe' }, CONTACT_PROFILE.blocking);
    const b = blockingKeys({ firstName: 'rowe', lastName: 'caleb' }, CONTACT_PROFILE.blocking);
    assert.ok(a.find((k) => k.startsWith('sx-names:')));
    assert.equal(a.find((k) => k.startsWith('sx-names:')), b.find((k) => k.startsWith('sx-names:')));
  });
  it('ignores generic and short e-mail local parts', () => {
    assert.ok(!blockingKeys({ email: 'info@acme.com' }, CONTACT_PROFILE.blocking).some((k) => k.startsWith('email-local')));
  });
  it('derives rules for a custom field list', () => {
    const rules = deriveBlocking(buildProfile('custom', [{ field: 'org', kind: 'company' }, { field: 'zip', kind: 'postcode' }, { field: 'mail', kind: 'email' }]).fields);
    assert.deepEqual(rules.map((r) => r.name), ['v-mail', 'sx-org', 'sx-org-zip']);
  });
});

describe('dedupe candidate pairs', () => {
  const all = (blocks: Map<string, number[]>, opts = { maxBlockSize: 50, window: 3 }, isNew = (_i: number) => true): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    for (const _ of candidatePairs(blocks, (i) => String(i).padStart(4, '0'), isNew, opts, (i, j) => out.push([i, j]))) {
      // drained block by block
    }
    return out;
  };
  it('pairs every member of a small block once, even when blocks overlap', () => {
    const pairs = all(new Map([['a', [0, 1, 2]], ['b', [1, 2]]]));
    assert.deepEqual(pairs, [[0, 1], [0, 2], [1, 2]]);
  });
  it('limits an oversized block to a sorted window: linear, not quadratic', () => {
    const members = Array.from({ length: 1000 }, (_, i) => i);
    const pairs = all(new Map([['big', members]]), { maxBlockSize: 10, window: 3 });
    assert.ok(pairs.length <= 3 * 1000);
    assert.ok(pairs.some(([i, j]) => i === 10 && j === 11));
  });
  it('skips pairs of two already-indexed records', () => {
    const pairs = all(new Map([['a', [0, 5, 6]]]), undefined, (i) => i < 5);
    assert.deepEqual(pairs, [[0, 5], [0, 6]]);
  });
});

describe('dedupe union-find', () => {
  it('clusters transitively', () => {
    const uf = new UnionFind(6);
    uf.union(0, 1);
    uf.union(1, 2);
    uf.union(4, 5);
    assert.deepEqual(uf.groups().map((g) => g.sort()), [[0, 1, 2], [3], [4, 5]]);
    assert.equal(uf.find(2), uf.find(0));
  });
});
