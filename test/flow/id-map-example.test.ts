import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFlowTest } from '../../src/testing';
import type { FlowTest } from '../../src/testing';

/** examples/id-map.json, run as shipped: each inject button in turn, top to bottom. */
describe('example flow id-map', () => {
  let t: FlowTest;
  before(async () => {
    t = await startFlowTest({ flow: 'id-map' });
  });
  after(() => t?.stop());

  it('links, relinks, replaces, refuses a conflict, looks up and unlinks', async () => {
    await t.inject('link lead 1');
    await t.inject('link lead 1');
    await t.idle();
    const [first, again] = t.outputs('link', 0);
    assert.deepEqual(again.idMap, first.idMap, 'linking again changes nothing');

    await t.inject('new Salesforce id for lead 1');
    await t.inject('batch: lead 2, a conflict, a bad entry');
    await t.idle();
    const [, , replaced, batch] = t.outputs('link', 0);
    assert.deepEqual(replaced.idMap.replaced, { salesforce: '00Q5e000001AbCdEAA' });
    assert.deepEqual(
      batch.idMap.map((e: { monday: string }) => e.monday),
      ['1800000102'],
    );
    const [refused] = t.outputs('link', 1);
    assert.deepEqual(
      refused.errors.map((e: { index: number; code: string }) => [e.index, e.code]),
      [
        [1, 'ID_MAP_CONFLICT'],
        [2, 'ID_MAP_TOO_FEW_IDS'],
      ],
    );

    await t.inject('look up item 1800000101');
    await t.inject('look up a batch');
    await t.idle();
    const [one, many] = t.outputs('look up monday id', 0);
    assert.equal(one.idMap.salesforce, '00Q5e000001XyZwEAA');
    assert.deepEqual(
      many.idMap.map((e: { found: boolean }) => e.found),
      [true, true, false],
    );

    await t.inject('unlink item 1800000102');
    await t.inject('unlink item 1800000102');
    await t.idle();
    assert.equal(t.outputs('unlink monday id', 0)[0].idMap.salesforce, '00Q5e000002AbCdEAA');
    assert.equal(t.outputs('unlink monday id', 1)[0].idMap.found, false);
    assert.deepEqual(await t.query('SELECT count(*)::int AS n FROM crm_sync.id_map', []), [{ n: 2 }]);
    assert.deepEqual(t.logs('error'), []);
  });
});
