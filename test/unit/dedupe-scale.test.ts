/**
 * 100,000 records through one dedupe run: blocking must keep the number of compared pairs linear in
 * the batch size. Asserts on comparison counts, not wall time (timing belongs in scripts/bench-dedupe.mjs).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dedupeBatch } from '../../src/core/dedupe/engine';
import { CONTACT_PROFILE } from '../../src/core/dedupe/profiles';
import { syntheticContacts } from './dedupe-synthetic';

const N = 100_000;
// Bound: every record sits in at most one block per blocking rule, and a block costs at most
// max(window, maxBlockSize / 2) comparisons per member; observed ≈ 36 per record at 100k.
const K = 50;

describe('dedupe at scale', () => {
  it(`dedupes ${N.toLocaleString('en')} records with at most ${K}·n comparisons`, async () => {
    const { records, duplicatesPlanted } = syntheticContacts(N, 0.1, 42);
    assert.equal(records.length, N);
    const r = await dedupeBatch(records, {
      profile: CONTACT_PROFILE,
      mapping: { firstName: 'first', lastName: 'last', email: 'email', phone: 'phone', dob: 'dob', city: 'city', postcode: 'zip' },
      idKey: 'id',
      matchThreshold: CONTACT_PROFILE.thresholds.match,
      reviewThreshold: CONTACT_PROFILE.thresholds.review,
    });
    assert.equal(r.stats.records, N);
    assert.ok(r.stats.comparisons <= K * N, `${r.stats.comparisons} comparisons for ${N} records`);
    // the planted duplicates are found (most of them: some copies lose too much to be recognisable)
    const found = r.duplicates.filter((d) => String(d.id).split('~')[0] === String(d.matchedId).split('~')[0]).length;
    assert.ok(found >= 0.9 * duplicatesPlanted, `found ${found} of ${duplicatesPlanted}`);
    // same-name namesakes in a dense synthetic population: kept under 2% (≈1.3% observed)
    assert.ok(r.duplicates.length - found <= 0.02 * N, `${r.duplicates.length - found} false matches`);
  });
});
