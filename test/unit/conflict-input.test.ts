import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildOptions, resolve } from '../../src/core/conflict';
import type { CrmError } from '../../src/core/errors';

const options = buildOptions({ timeField: 'LastModified' });

async function problemsOf(payload: unknown, snapshot?: unknown): Promise<string> {
  try {
    await resolve({ payload, snapshot, entity: 'k' }, options);
  } catch (err) {
    const e = err as CrmError;
    assert.equal(e.code, 'CONFLICT_INPUT_INVALID');
    assert.ok(Array.isArray(e.details.problems));
    return e.message;
  }
  assert.fail('expected CONFLICT_INPUT_INVALID');
}

describe('conflict resolver input validation', () => {
  it('rejects a payload that is not an object keyed by system, or has no systems', async () => {
    assert.match(await problemsOf('hello'), /payload: must be an object keyed by system name.*got "hello"/);
    assert.match(await problemsOf([{ a: 1 }]), /got an array/);
    assert.match(await problemsOf(null), /got null/);
    assert.match(await problemsOf({}), /no systems/);
  });

  it('rejects non-object versions and names every offending system', async () => {
    const message = await problemsOf({ salesforce: 'x', monday: [1], hubspot: { Name: 'ok' } });
    assert.match(message, /payload\.monday: must be an object .* got an array/);
    assert.match(message, /payload\.salesforce: .*got "x"/);
    assert.doesNotMatch(message, /hubspot/);
  });

  it('rejects wrong types: bad times, functions, non-finite numbers, unsafe names', async () => {
    const message = await problemsOf({
      a: { record: { x: 1 }, modifiedAt: 'yesterday', modified: { x: 'soon' } },
      b: { LastModified: 'not a time', f: () => 1, n: Infinity },
    });
    assert.match(message, /payload\.a\.modified\.x: "soon" is not an ISO 8601 time/);
    assert.match(message, /payload\.a\.modifiedAt: "yesterday"/);
    assert.match(message, /payload\.b\.LastModified: "not a time" is not a time/);
    assert.match(message, /and \d+ more|payload\.b\.f: a function is not a JSON value/);
    assert.match(await problemsOf({ a: { Notes: 'a\u0000b' } }), /payload\.a\.Notes: text contains a NUL character/);
    const proto = await problemsOf(JSON.parse('{"a": {"__proto__": 1}}'));
    assert.match(proto, /"__proto__" is not a usable field name/);
  });

  it('rejects huge strings, too many fields and deep nesting with the limit in the message', async () => {
    assert.match(await problemsOf({ a: { Notes: 'x'.repeat(1_000_001) }, b: { Notes: '' } }), /payload\.a\.Notes: text of 1000001 characters exceeds the 1000000 limit/);
    const wide = Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`f${i}`, i]));
    assert.match(await problemsOf({ a: wide }), /2001 fields exceed the 2000 limit/);
    let deep: unknown = 1;
    for (let i = 0; i < 30; i++) deep = { d: deep };
    assert.match(await problemsOf({ a: { deep } }), /nested deeper than 20 levels/);
  });

  it('rejects a malformed snapshot', async () => {
    assert.match(await problemsOf({ a: { x: 1 } }, 'old'), /snapshot: must be an object/);
    assert.match(await problemsOf({ a: { x: 1 } }, { record: { x: 1 }, hashes: { a: 5 } }), /snapshot\.hashes\.a: must be a hash string/);
  });

  it('accepts a single system (first sight of a record) and reports no conflict', async () => {
    const r = await resolve({ payload: { salesforce: { Name: 'Ann' } }, entity: 'k' }, options);
    assert.equal(r.kind, 'resolved');
    if (r.kind === 'resolved') {
      assert.deepEqual(r.record, { Name: 'Ann' });
      assert.deepEqual(r.patches, { salesforce: {} });
    }
  });

  it('validates the configuration once: unknown strategy, duplicate rules, missing expression', () => {
    assert.throws(() => buildOptions({ strategy: 'newest' as never }), { code: 'CONFLICT_STRATEGY_UNKNOWN' });
    assert.throws(() => buildOptions({ fieldRules: [{ field: 'a', strategy: 'lww' }, { field: 'a', strategy: 'priority' }] }), { code: 'CONFLICT_RULE_DUPLICATE' });
    assert.throws(() => buildOptions({ strategy: 'jsonata' }), { code: 'CONFLICT_JSONATA_MISSING' });
    assert.throws(() => buildOptions({ fieldRules: [{ field: 'a', strategy: 'jsonata' }] }), { code: 'CONFLICT_JSONATA_MISSING' });
    assert.deepEqual(buildOptions({ priority: ' salesforce, monday,,salesforce ' as never }).priority, ['salesforce', 'monday']);
  });
});
