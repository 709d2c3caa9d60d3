/**
 * Dedupe quality on public benchmark data with ground truth (../shared/data/dedupe, read in place).
 * Default profiles and default thresholds only: the figures are what a user gets out of the box.
 * Pairwise precision/recall/F1 compare predicted clusters with the true entities.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dedupeBatch } from '../../src/core/dedupe/engine';
import type { DedupeOptions } from '../../src/core/dedupe/engine';
import { ACCOUNT_PROFILE, CONTACT_PROFILE } from '../../src/core/dedupe/profiles';
import type { Profile } from '../../src/core/dedupe/types';
import { pairwiseMetrics, predictedClusters, readCsv } from './dedupe-fixtures';
import type { PairMetrics } from './dedupe-fixtures';

async function evaluate(
  file: string,
  profile: Profile,
  mapping: DedupeOptions['mapping'],
  idKey: string,
  entityOf: (row: Record<string, string>) => string,
  addIds: (rows: Array<Record<string, string>>) => Array<Record<string, string>> = (rows) => rows,
): Promise<PairMetrics> {
  const rows = addIds(readCsv(file));
  const truth = new Map(rows.map((r) => [r[idKey], entityOf(r)]));
  const result = await dedupeBatch(rows, {
    profile,
    mapping,
    idKey,
    matchThreshold: profile.thresholds.match,
    reviewThreshold: profile.thresholds.review,
  });
  // records with nothing to compare (no name, e-mail, phone or id) are rejected and count as singletons
  assert.ok(result.errors.every((e) => e.code === 'MISSING_KEY_FIELDS'), JSON.stringify(result.errors.slice(0, 3)));
  assert.ok(result.errors.length <= rows.length * 0.01, `${result.errors.length} records rejected`);
  const m = pairwiseMetrics(truth, predictedClusters(result));
  const pct = (x: number): string => (100 * x).toFixed(1);
  console.log(`  ${file}: precision ${pct(m.precision)}% recall ${pct(m.recall)}% F1 ${pct(m.f1)}% (${m.correctPairs}/${m.predictedPairs} predicted, ${m.truePairs} true pairs, ${result.stats.comparisons} comparisons, ${result.errors.length} rejected)`);
  return m;
}

const FEBRL_MAPPING = {
  firstName: 'given_name',
  lastName: 'surname',
  street: ['street_number', 'address_1'],
  city: 'suburb',
  postcode: 'postcode',
  region: 'state',
  dob: 'date_of_birth',
  idNumber: 'soc_sec_id',
};
const febrlEntity = (r: Record<string, string>): string => r.rec_id.split('-')[1];

describe('dedupe quality on benchmark data', () => {
  it('Febrl dataset3 (5,000 people, Zipf duplicates): F1 ≥ 0.95', async () => {
    const m = await evaluate('febrl/dataset3.csv', CONTACT_PROFILE, FEBRL_MAPPING, 'rec_id', febrlEntity);
    assert.ok(m.f1 >= 0.95, `F1 ${m.f1}`);
  });

  it('Febrl dataset2 (5,000 people): F1 ≥ 0.95', async () => {
    const m = await evaluate('febrl/dataset2.csv', CONTACT_PROFILE, FEBRL_MAPPING, 'rec_id', febrlEntity);
    assert.ok(m.f1 >= 0.95, `F1 ${m.f1}`);
  });

  it('splink fake_1000 (people with e-mail, heavy errors): F1 ≥ 0.85', async () => {
    const m = await evaluate(
      'splink/fake_1000.csv',
      CONTACT_PROFILE,
      { firstName: 'first_name', lastName: 'surname', dob: 'dob', city: 'city', email: 'email' },
      'unique_id',
      (r) => r.cluster,
    );
    assert.ok(m.f1 >= 0.85, `F1 ${m.f1}`);
  });

  it('dedupe-examples Chicago early-childhood sites (organisations): F1 ≥ 0.85', async () => {
    const m = await evaluate(
      'dedupe-examples/csv_example_input_with_true_ids.csv',
      ACCOUNT_PROFILE,
      { name: 'Site name', street: 'Address', postcode: 'Zip', phone: 'Phone', email: 'Email Address', website: 'Website' },
      'Id',
      (r) => r['True Id'],
    );
    assert.ok(m.f1 >= 0.85, `F1 ${m.f1}`);
  });

  it('dedupe-examples restaurants (Fodor\'s/Zagat, name and address only): F1 ≥ 0.8', async () => {
    const m = await evaluate(
      'dedupe-examples/restaurant-nophone-training.csv',
      ACCOUNT_PROFILE,
      { name: 'name', street: 'address', city: 'city' },
      'row',
      (r) => r.unique_id,
      (rows) => rows.map((r, i) => ({ ...r, row: String(i) })),
    );
    assert.ok(m.f1 >= 0.8, `F1 ${m.f1}`);
  });
});
