import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareValues, editSimilarity, tokenSimilarity } from '../../src/core/dedupe/compare';
import { explain } from '../../src/core/dedupe/explain';
import { fieldWeights, Scorer } from '../../src/core/dedupe/scoring';
import type { Profile } from '../../src/core/dedupe/types';

const close = (a: number, b: number, eps = 0.01): void => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

describe('dedupe Fellegi-Sunter weights', () => {
  it('derives agree/partial/disagree weights from m/u', () => {
    const w = fieldWeights({ field: 'x', kind: 'text', m: 0.9, u: 0.01, pm: 0.05, pu: 0.04 });
    close(w.agree, Math.log2(0.9 / 0.01));
    close(w.partial, Math.log2(0.05 / 0.04));
    close(w.disagree, Math.log2(0.05 / 0.95));
  });
  it('without a partial level, partial agreement weighs like disagreement', () => {
    const w = fieldWeights({ field: 'x', kind: 'exact', m: 0.9, u: 0.1 });
    close(w.partial, w.disagree);
    close(w.disagree, Math.log2(0.1 / 0.9));
  });
});

describe('dedupe field comparators', () => {
  it('missing on either side is "missing", equal is "agree"', () => {
    assert.equal(compareValues('surname', '', 'smith').level, 'missing');
    assert.equal(compareValues('surname', 'smith', 'smith').level, 'agree');
  });
  it('names: typos partly agree, different names disagree, initials partly agree', () => {
    assert.equal(compareValues('surname', 'smith', 'smyth').level, 'partial');
    assert.equal(compareValues('surname', 'smith', 'jones').level, 'disagree');
    assert.equal(compareValues('givenName', 'j', 'john').level, 'partial');
  });
  it('e-mail: same mailbox name at another domain partly agrees', () => {
    assert.equal(compareValues('email', 'ann.lee@a.com', 'ann.lee@b.org').level, 'partial');
    assert.equal(compareValues('email', 'ann@a.com', 'zed@b.org').level, 'disagree');
  });
  it('phone: same subscriber number with another prefix partly agrees', () => {
    assert.equal(compareValues('phone', '+13125551234', '5551234').level, 'partial');
    assert.equal(compareValues('phone', '+13125551234', '+13125559999').level, 'disagree');
  });
  it('date: one-digit typo and day/month swap partly agree', () => {
    assert.equal(compareValues('date', '19710624', '19710625').level, 'partial');
    assert.equal(compareValues('date', '19710604', '19710406').level, 'partial');
    assert.equal(compareValues('date', '19710624', '19890101').level, 'disagree');
  });
  it('postcode and id: one edit partly agrees', () => {
    assert.equal(compareValues('postcode', '60614', '60641').level, 'disagree');
    assert.equal(compareValues('postcode', '60614', '60615').level, 'partial');
    assert.equal(compareValues('id', '1234567', '1234568').level, 'partial');
    close(editSimilarity('abcd', 'abce'), 0.75);
  });
  it('company: word overlap, so shared prefixes do not pass for the same firm', () => {
    assert.equal(compareValues('company', 'chicago international charter basil campus', 'chicago international charter basil').level, 'partial');
    assert.equal(compareValues('company', 'henry booth house young achievers academy', 'henry booth house all about kids learning academy').level, 'disagree');
    close(tokenSimilarity('a bb ccc', 'a bb ccc'), 1);
  });
  it('domain and exact kinds have no partial level', () => {
    assert.equal(compareValues('domain', 'acme.com', 'acme.co').level, 'disagree');
    assert.equal(compareValues('exact', 'nsw', 'vic').level, 'disagree');
  });
});

const PROFILE: Profile = {
  name: 't',
  fields: [
    { field: 'firstName', kind: 'givenName', m: 0.9, u: 0.01, pm: 0.05, pu: 0.04 },
    { field: 'lastName', kind: 'surname', m: 0.9, u: 0.01, pm: 0.05, pu: 0.04 },
    { field: 'email', kind: 'email', m: 0.9, u: 0.001 },
  ],
  blocking: [],
  requireAny: [],
  swaps: [['firstName', 'lastName']],
  thresholds: { match: 8, review: 3 },
};

describe('dedupe pair scoring', () => {
  const scorer = new Scorer(PROFILE);
  it('sums the field weights; missing values are neutral', () => {
    const s = scorer.score({ firstName: 'ann', lastName: 'lee' }, { firstName: 'ann', lastName: 'lee', email: 'a@b.io' });
    close(s.score, 2 * Math.log2(90));
    assert.deepEqual(s.fields.map((f) => [f.field, f.level]), [['firstName', 'agree'], ['lastName', 'agree'], ['email', 'missing']]);
    assert.equal(s.fields[2].weight, 0);
  });
  it('disagreement lowers the score', () => {
    const s = scorer.score({ firstName: 'ann', lastName: 'lee', email: 'a@b.io' }, { firstName: 'ann', lastName: 'lee', email: 'z@y.io' });
    assert.ok(s.score < 2 * Math.log2(90));
  });
  it('swapped first and last names count as agreement', () => {
    const s = scorer.score({ firstName: 'lee', lastName: 'ann' }, { firstName: 'ann', lastName: 'lee' });
    assert.deepEqual(s.fields.slice(0, 2).map((f) => f.level), ['agree', 'agree']);
  });
  it('explains each field, grouped by outcome, with a summary', () => {
    const s = scorer.score({ firstName: 'ann', lastName: 'lee', email: 'a@b.io' }, { firstName: 'anne', lastName: 'lee' });
    const e = explain(s, { matchThreshold: 8, reviewThreshold: 3 });
    assert.deepEqual(e.agreed.map((f) => f.field), ['lastName']);
    assert.deepEqual(e.partial.map((f) => f.field), ['firstName']);
    assert.deepEqual(e.missing, ['email']);
    assert.equal(e.matchThreshold, 8);
    assert.match(e.summary, /^lastName agree \+6\.49, firstName partial \+0\.32 = 6\.81$/);
  });
});
