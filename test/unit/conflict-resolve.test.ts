import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildOptions, compileExpression, resolve } from '../../src/core/conflict';
import type { OptionsInput } from '../../src/core/conflict/options';
import type { Resolution, ResolveResult } from '../../src/core/conflict';

const NOW = () => new Date('2026-01-01T00:00:00Z');

async function run(payload: unknown, snapshot: unknown, opts: OptionsInput = {}, entity = 'Contact:1'): Promise<ResolveResult> {
  const options = buildOptions(opts);
  const expr = options.expression ? compileExpression(options.expression) : undefined;
  return resolve({ payload, snapshot, entity, now: NOW }, options, expr);
}

async function resolved(payload: unknown, snapshot: unknown, opts: OptionsInput = {}): Promise<Resolution> {
  const r = await run(payload, snapshot, opts);
  assert.equal(r.kind, 'resolved');
  return r as Resolution;
}

const base = { Name: 'Ann', Phone: '111', Email: 'ann@x.io' };

describe('conflict resolution, three-way', () => {
  it('takes a change made on one side only, without reporting a conflict', async () => {
    const r = await resolved({ salesforce: { ...base, Phone: '222' }, monday: { ...base } }, base);
    assert.equal(r.mode, 'three-way');
    assert.deepEqual(r.record, { ...base, Phone: '222' });
    assert.deepEqual(r.conflicts, []);
    assert.deepEqual(r.changes, [{ field: 'Phone', systems: ['salesforce'], value: '222' }]);
    assert.deepEqual(r.patches, { monday: { Phone: '222' }, salesforce: {} });
  });

  it('does not report a conflict when both sides changed a field to the same (equivalent) value', async () => {
    const r = await resolved({ salesforce: { ...base, Phone: '333' }, monday: { ...base, Phone: 333 } }, base);
    assert.deepEqual(r.conflicts, []);
    assert.equal(r.record.Phone, 333, 'raw value of the first system in priority order (here alphabetical: monday)');
    assert.deepEqual(r.patches, { monday: {}, salesforce: {} }, 'equivalent values need no patch');
  });

  it('last write wins with per-field times: the newer field change wins even if the record is older', async () => {
    const payload = {
      salesforce: { record: { ...base, Phone: 'sf' }, modified: { Phone: '2026-01-01T10:00:00Z' }, modifiedAt: '2026-01-01T08:00:00Z' },
      monday: { record: { ...base, Phone: 'mo', Email: 'new@x.io' }, modified: { Phone: '2026-01-01T09:00:00Z' }, modifiedAt: '2026-01-01T11:00:00Z' },
    };
    const r = await resolved(payload, base, { strategy: 'lww' });
    assert.equal(r.record.Phone, 'sf');
    assert.equal(r.record.Email, 'new@x.io', 'one-sided change still taken');
    assert.equal(r.conflicts.length, 1);
    const c = r.conflicts[0];
    assert.equal(c.field, 'Phone');
    assert.equal(c.winner, 'salesforce');
    assert.equal(c.rule, 'last-write-wins');
    assert.deepEqual(c.values, { monday: 'mo', salesforce: 'sf' });
    assert.equal(c.base, '111');
    assert.deepEqual(c.modified, { monday: '2026-01-01T09:00:00.000Z', salesforce: '2026-01-01T10:00:00.000Z' });
    assert.equal(c.status, 'success');
    assert.equal(c.event, 'conflict_resolved');
    assert.equal(c.system, 'salesforce');
    assert.equal(c.recordId, 'Contact:1');
    assert.match(c.message, /Contact:1 Phone: salesforce won over monday/);
    assert.deepEqual(r.patches.monday, { Phone: 'sf' });
    assert.deepEqual(r.patches.salesforce, { Email: 'new@x.io' });
  });

  it('last write wins with record times only (short form with a time field)', async () => {
    const payload = {
      salesforce: { ...base, Phone: 'sf', LastModified: '2026-01-01T10:00:00Z' },
      monday: { ...base, Phone: 'mo', LastModified: '2026-01-01T10:00:05+00:00' },
    };
    const r = await resolved(payload, base, { strategy: 'lww', timeField: 'LastModified' });
    assert.equal(r.record.Phone, 'mo');
    assert.equal(r.conflicts[0].winner, 'monday');
    assert.ok(!('LastModified' in r.record), 'the time field is metadata, not merged');
    assert.deepEqual(r.patches.salesforce, { Phone: 'mo' });
  });

  it('source priority: the first listed system wins, whatever the times', async () => {
    const payload = {
      salesforce: { record: { ...base, Phone: 'sf' }, modifiedAt: '2026-01-01T10:00:00Z' },
      monday: { record: { ...base, Phone: 'mo' }, modifiedAt: '2026-01-02T10:00:00Z' },
    };
    const r = await resolved(payload, base, { strategy: 'priority', priority: ['salesforce', 'monday'] });
    assert.equal(r.record.Phone, 'sf');
    assert.equal(r.conflicts[0].rule, 'source-priority');
    assert.equal(r.conflicts[0].fieldRule, false);
  });

  it('per-field rules override the default strategy for their field only', async () => {
    const payload = {
      salesforce: { record: { ...base, Phone: 'sf', Email: 'sf@x.io' }, modifiedAt: '2026-01-01T10:00:00Z' },
      monday: { record: { ...base, Phone: 'mo', Email: 'mo@x.io' }, modifiedAt: '2026-01-02T10:00:00Z' },
    };
    const r = await resolved(payload, base, {
      strategy: 'lww',
      priority: ['monday'],
      fieldRules: [{ field: 'Email', strategy: 'priority', priority: ['salesforce'] }],
    });
    assert.equal(r.record.Phone, 'mo', 'default: last write wins');
    assert.equal(r.record.Email, 'sf@x.io', 'field rule: salesforce first');
    const email = r.conflicts.find((c) => c.field === 'Email');
    assert.equal(email?.fieldRule, true);
    assert.match(email?.message ?? '', /field rule/);
  });

  it('JSONata: the expression can name the winning system, or compute a value', async () => {
    const payload = { salesforce: { ...base, Phone: 'sf', Name: 'Ann B' }, monday: { ...base, Phone: 'mo', Name: 'Ann C' } };
    const expression = `field = "Phone" ? (values.monday != null ? "monday" : "salesforce") : {"value": values.salesforce & " / " & values.monday & " (was " & base & ")"}`;
    const r = await resolved(payload, base, { strategy: 'jsonata', expression });
    assert.equal(r.record.Phone, 'mo');
    assert.equal(r.conflicts.find((c) => c.field === 'Phone')?.rule, 'jsonata');
    assert.equal(r.record.Name, 'Ann B / Ann C (was Ann)');
    const name = r.conflicts.find((c) => c.field === 'Name');
    assert.equal(name?.winner, 'expression');
    assert.equal(name?.rule, 'jsonata-value');
    assert.deepEqual(r.patches.salesforce, { Name: 'Ann B / Ann C (was Ann)', Phone: 'mo' });
  });

  it('JSONata: no result falls back to source priority; a runtime error is a clear error', async () => {
    const payload = { salesforce: { ...base, Phone: 'sf' }, monday: { ...base, Phone: 'mo' } };
    const r = await resolved(payload, base, { strategy: 'jsonata', expression: 'nothing', priority: ['monday'] });
    assert.equal(r.record.Phone, 'mo');
    assert.match(r.conflicts[0].reason, /expression returned nothing/);
    await assert.rejects(run(payload, base, { strategy: 'jsonata', expression: '$error("nope")' }), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'CONFLICT_JSONATA_FAILED');
      assert.match(err.message, /field "Phone": nope/);
      return true;
    });
    const runaway = '($f := function($n) { $f($n + 1) }; $f(0))';
    await assert.rejects(run(payload, base, { strategy: 'jsonata', expression: runaway }), { code: 'CONFLICT_JSONATA_FAILED' });
  });

  it('breaks ties deterministically: equal times → source priority → alphabetical', async () => {
    const at = '2026-01-01T10:00:00Z';
    const payload = {
      zendesk: { record: { ...base, Phone: 'z' }, modifiedAt: at },
      monday: { record: { ...base, Phone: 'm' }, modifiedAt: at },
      hubspot: { record: { ...base, Phone: 'h' }, modifiedAt: at },
    };
    const listed = await resolved(payload, base, { strategy: 'lww', priority: ['zendesk'] });
    assert.equal(listed.record.Phone, 'z');
    assert.match(listed.conflicts[0].reason, /equal times.*source priority/);
    const alpha = await resolved(payload, base, { strategy: 'lww' });
    assert.equal(alpha.record.Phone, 'h', 'no priority: alphabetical');
    const reordered = await resolved({ monday: payload.monday, hubspot: payload.hubspot, zendesk: payload.zendesk }, base, { strategy: 'lww' });
    assert.deepEqual(reordered.record, alpha.record, 'payload key order does not matter');
    const untimed = await resolved({ a: { ...base, Phone: 'a' }, b: { record: { ...base, Phone: 'b' }, modifiedAt: '2000-01-01T00:00:00Z' } }, base);
    assert.equal(untimed.record.Phone, 'b', 'a known time beats an unknown one');
  });

  it('three systems: two agreeing changes still conflict with a third, different one', async () => {
    const payload = {
      salesforce: { record: { ...base, Phone: 'new' }, modifiedAt: '2026-01-01T10:00:00Z' },
      monday: { record: { ...base, Phone: 'new' }, modifiedAt: '2026-01-01T09:00:00Z' },
      hubspot: { record: { ...base, Phone: 'other' }, modifiedAt: '2026-01-01T09:30:00Z' },
    };
    const r = await resolved(payload, base, { strategy: 'lww' });
    assert.equal(r.record.Phone, 'new');
    assert.deepEqual(r.conflicts[0].changed, ['hubspot', 'monday', 'salesforce']);
    assert.equal(r.conflicts[0].winner, 'salesforce');
    assert.deepEqual(r.patches, { hubspot: { Phone: 'new' }, monday: {}, salesforce: {} });
  });

  it('patches hold changed fields only, relative to what each system has', async () => {
    const payload = {
      salesforce: { ...base, Phone: '222', Title: 'CEO' },
      monday: { Name: 'Ann', Phone: '111', Email: 'ann@x.io', Status: 'Active' },
    };
    const r = await resolved(payload, base);
    assert.deepEqual(r.patches.salesforce, { Status: 'Active' });
    assert.deepEqual(r.patches.monday, { Phone: '222', Title: 'CEO' });
  });

  it('a system that only reports some fields has no say on the others, and gets their changes', async () => {
    const r = await resolved({ salesforce: { ...base, Email: 'e@x.io' }, monday: { Phone: '999' } }, base);
    assert.deepEqual(r.record, { Name: 'Ann', Phone: '999', Email: 'e@x.io' });
    assert.deepEqual(r.conflicts, []);
    assert.deepEqual(r.patches.monday, { Email: 'e@x.io' });
    assert.deepEqual(r.patches.salesforce, { Phone: '999' });
  });
});

describe('conflict resolution, two-way and echoes', () => {
  it('without a snapshot every difference is a conflict', async () => {
    const r = await resolved({ salesforce: { Name: 'Ann', Phone: '1' }, monday: { Name: 'Ann', Phone: '2' } }, undefined, { strategy: 'priority', priority: ['monday'] });
    assert.equal(r.mode, 'two-way');
    assert.deepEqual(r.conflicts.map((c) => c.field), ['Phone']);
    assert.equal(r.conflicts[0].base, null);
    assert.deepEqual(r.patches, { monday: {}, salesforce: { Phone: '2' } });
    assert.deepEqual(r.changes, []);
  });

  it('drops a version equal to our last write to that system (echo) and the message when all are echoes', async () => {
    const first = await resolved({ salesforce: { ...base, Phone: '222' }, monday: { ...base } }, base);
    const snap = first.snapshot;
    assert.deepEqual(Object.keys(snap.hashes), ['monday', 'salesforce']);
    // monday now reports what we wrote to it (Phone 222, as a number this time): an echo.
    const echo = await run({ monday: { ...base, Phone: 222 } }, snap);
    assert.deepEqual(echo, { kind: 'echo', echoes: ['monday'] });
    // An echo next to a real change: the echo takes no part, the change goes through.
    const mixed = await resolved({ monday: { ...base, Phone: '222' }, salesforce: { ...base, Phone: '222', Name: 'Anna' } }, snap);
    assert.deepEqual(mixed.echoes, ['monday']);
    assert.deepEqual(mixed.patches, { monday: { Name: 'Anna' }, salesforce: {} });
    // A different value is not an echo.
    const real = await resolved({ monday: { ...base, Phone: '223' } }, snap);
    assert.deepEqual(real.echoes, []);
    assert.deepEqual(real.patches, { monday: {}, salesforce: { Phone: '223' } }, 'a system absent from the message is patched from the snapshot');
  });

  it('ignores the configured fields everywhere (comparison, patches, hashes)', async () => {
    const r = await resolved({ salesforce: { Id: '003', ...base }, monday: { Id: 42, ...base, Phone: '5' } }, base, { ignoreFields: ['Id'] });
    assert.ok(!('Id' in r.record));
    assert.deepEqual(r.patches, { monday: {}, salesforce: { Phone: '5' } });
    const echo = await run({ salesforce: { Id: 'other', ...base, Phone: '5' } }, r.snapshot, { ignoreFields: ['Id'] });
    assert.equal(echo.kind, 'echo');
  });

  it('accepts our own snapshot output form and a plain record as snapshot', async () => {
    const plain = await resolved({ a: { x: 1 }, b: { x: 2 } }, { x: 1 });
    assert.equal(plain.record.x, 2);
    const full = await resolved({ a: { x: 1 }, b: { x: 2 } }, { record: { x: 1 }, hashes: {} });
    assert.deepEqual(full.record, plain.record);
    assert.equal(full.snapshot.updatedAt, '2026-01-01T00:00:00.000Z');
  });
});
