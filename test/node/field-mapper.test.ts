import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { helper, nodeModule } from '../helpers/red';

const mapping = {
  version: 1,
  options: { locale: 'de-DE', defaultCountry: 'DE' },
  rows: [
    { target: 'LastName', source: 'Name', transform: { type: 'splitName', part: 'last' }, required: true },
    { target: 'Company', source: 'Company' },
    { target: 'Email', source: 'Email', transform: 'email' },
    { target: 'AnnualRevenue', source: 'Deal value', transform: 'number' },
  ],
};
const schema = {
  title: 'Lead',
  required: ['LastName', 'Company'],
  properties: {
    LastName: { type: 'string', maxLength: 80 },
    Company: { type: 'string', maxLength: 255 },
    Email: { type: 'string', format: 'email' },
    AnnualRevenue: { type: 'number' },
  },
};
const good = { Name: 'Jane Doe', Company: 'Acme', Email: 'JANE@ACME.COM', 'Deal value': '1.234,50' };
const bad = { Name: 'Max Muster', Email: 'nope', 'Deal value': 'viel' };

type Msg = Record<string, any>;

function flow(overrides: Record<string, unknown> = {}): unknown[] {
  return [
    {
      id: 'fm',
      type: 'crm-field-mapper',
      name: 'mapper',
      version: 1,
      mapping: JSON.stringify(mapping),
      mappingProperty: 'mapping',
      schemaSource: 'static',
      schemaText: JSON.stringify(schema),
      unknownFields: 'error',
      checkRequired: true,
      wires: [['ok'], ['bad']],
      ...overrides,
    },
    { id: 'ok', type: 'helper' },
    { id: 'bad', type: 'helper' },
  ];
}

/** Collects what arrives on both outputs until `count` messages came or a short quiet period passes. */
function collect(count: number): Promise<{ ok: Msg[]; bad: Msg[] }> {
  const got = { ok: [] as Msg[], bad: [] as Msg[] };
  return new Promise((resolve) => {
    const check = (): void => {
      if (got.ok.length + got.bad.length >= count) setTimeout(() => resolve(got), 30);
    };
    helper.getNode('ok').on('input', (m: Msg) => (got.ok.push(m), check()));
    helper.getNode('bad').on('input', (m: Msg) => (got.bad.push(m), check()));
  });
}

async function load(overrides: Record<string, unknown> = {}): Promise<any> {
  await helper.load(nodeModule('field-mapper') as never, flow(overrides));
  return helper.getNode('fm');
}

describe('crm-field-mapper', () => {
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
  });

  it('sends a valid record to output 1, mapped', async () => {
    const fm = await load();
    const out = collect(1);
    fm.receive({ payload: good, _msgid: 'm1' });
    const { ok, bad: invalid } = await out;
    assert.equal(invalid.length, 0);
    assert.deepEqual(ok[0].payload, { LastName: 'Doe', Company: 'Acme', Email: 'jane@acme.com', AnnualRevenue: 1234.5 });
    assert.equal(ok[0]._msgid, 'm1');
  });

  it('sends an invalid record to output 2 with every problem and the original payload', async () => {
    const fm = await load();
    const out = collect(1);
    fm.receive({ payload: bad });
    const { ok, bad: invalid } = await out;
    assert.equal(ok.length, 0);
    assert.deepEqual(invalid[0].payload, bad);
    assert.deepEqual(invalid[0].problems.map((p: Msg) => `${p.field}:${p.code}`).sort(), ['AnnualRevenue:INVALID_NUMBER', 'Company:REQUIRED_MISSING', 'Email:INVALID_EMAIL']);
    assert.deepEqual(invalid[0].mapped, { LastName: 'Muster' });
  });

  it('splits an array into valid and invalid arrays with indexes', async () => {
    const fm = await load();
    const out = collect(2);
    fm.receive({ payload: [good, bad, good, 7] });
    const { ok, bad: invalid } = await out;
    assert.equal(ok[0].payload.length, 2);
    assert.deepEqual(ok[0].indexes, [0, 2]);
    assert.deepEqual(invalid[0].indexes, [1, 3]);
    assert.deepEqual(invalid[0].payload, [bad, 7]);
    assert.ok(invalid[0].problems.some((p: Msg) => p.index === 3 && p.code === 'NOT_AN_OBJECT'));
  });

  it('sends nothing for an empty array', async () => {
    const fm = await load();
    const out = collect(1);
    fm.receive({ payload: [] });
    const winner = await Promise.race([out.then(() => 'sent'), new Promise((r) => setTimeout(() => r('quiet'), 150))]);
    assert.equal(winner, 'quiet');
  });

  it('uses a mapping passed in msg.mapping', async () => {
    const fm = await load();
    const out = collect(1);
    const own = { version: 1, rows: [{ target: 'LastName', constant: 'Fixed' }, { target: 'Company', source: 'org' }] };
    fm.receive({ payload: { org: 'Globex' }, mapping: own });
    const { ok } = await out;
    assert.deepEqual(ok[0].payload, { LastName: 'Fixed', Company: 'Globex' });
  });

  it('fails the message with a clear node error for an invalid msg.mapping', async () => {
    const fm = await load();
    const errors: Msg[] = [];
    fm.on('call:error', (call: { args: unknown[] }) => errors.push(call.args));
    fm.receive({ payload: good, mapping: { version: 1, rows: [{ target: 'A', source: 'a' }, { target: 'B', source: 'b' }, { target: 'C', source: 'c', transform: 'capitalise' }] } });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(errors.length, 1);
    assert.match(String((errors[0] as unknown as [Error])[0]), /The mapping is invalid: \/rows\/2\/transform/);
  });

  it('reports an invalid configured mapping at deploy and on each message', async () => {
    const fm = await load({ mapping: '{"version": 1, "rows": [{"target": "X"}]}' });
    const logged = helper.log().args.filter((a: any[]) => a[0]?.level === helper.log().ERROR);
    assert.ok(logged.some((a: any[]) => /\/rows\/0: needs exactly one/.test(a[0].msg)));
    const errors: unknown[] = [];
    fm.on('call:error', (call: { args: unknown[] }) => errors.push(call.args[0]));
    fm.receive({ payload: good });
    await new Promise((r) => setTimeout(r, 100));
    assert.match(String(errors[0]), /mapping is invalid/);
  });

  it('warns once about a changed schema and keeps mapping the rows that still fit', async () => {
    const changed = { ...schema, properties: { ...schema.properties, AnnualRevenue: undefined, Email: { type: 'boolean' } } };
    delete (changed.properties as Record<string, unknown>).AnnualRevenue;
    const typed = { ...mapping, rows: mapping.rows.map((r) => (r.target === 'Email' ? { ...r, targetType: 'email' } : r)) };
    const fm = await load({ schemaText: JSON.stringify(changed), mapping: JSON.stringify(typed) });
    const warnings: unknown[] = [];
    fm.on('call:warn', (call: { args: unknown[] }) => warnings.push(call.args[0]));
    const out = collect(2);
    fm.receive({ payload: good });
    fm.receive({ payload: good });
    const { ok } = await out;
    assert.deepEqual(ok[0].payload, { LastName: 'Doe', Company: 'Acme' });
    assert.deepEqual(ok[0].mappingWarnings.map((w: Msg) => w.code).sort(), ['FIELD_REMOVED', 'TYPE_CHANGED']);
    // Two warnings, each once, although two messages went through.
    assert.equal(warnings.length, 2);
  });

  it('reports a broken target schema at deploy', async () => {
    await load({ schemaText: '{"hello": "world"}' });
    const logged = helper.log().args.filter((a: any[]) => a[0]?.level === helper.log().ERROR);
    // The test helper's RED._ returns keys, so the English fallback of the error shows here.
    assert.ok(logged.some((a: any[]) => /target schema is not understood: expected a Salesforce describe/.test(a[0].msg)));
  });

  describe('admin endpoints', () => {
    it('guards every endpoint with crm-field-mapper.write', () => {
      const routes: Array<{ path: string; guard: unknown }> = [];
      const guards = new Map<unknown, string>();
      const fakeRED = {
        nodes: { registerType: () => undefined },
        auth: {
          needsPermission: (permission: string) => {
            const mw = (): void => undefined;
            guards.set(mw, permission);
            return mw;
          },
        },
        httpAdmin: { post: (p: string, guard: unknown) => routes.push({ path: p, guard }) },
      };
      (nodeModule('field-mapper') as (red: unknown) => void)(fakeRED);
      assert.deepEqual(routes.map((r) => r.path).sort(), ['/crm-field-mapper/fields', '/crm-field-mapper/preview', '/crm-field-mapper/suggest']);
      for (const r of routes) assert.equal(guards.get(r.guard), 'crm-field-mapper.write', r.path);
    });

    it('preview maps one sample record and lists problems', async () => {
      await load();
      const res = await helper.request().post('/crm-field-mapper/preview').send({ mapping, record: bad, schema: JSON.stringify(schema) }).expect(200);
      assert.equal(res.body.valid, false);
      assert.ok(res.body.problems.some((p: Msg) => p.code === 'INVALID_EMAIL'));
      const ok = await helper.request().post('/crm-field-mapper/preview').send({ mapping, record: good }).expect(200);
      assert.equal(ok.body.output.Email, 'jane@acme.com');
    });

    it('preview rejects an invalid mapping with its ajv path', async () => {
      await load();
      const res = await helper.request().post('/crm-field-mapper/preview').send({ mapping: { version: 1, rows: [{ target: 'A', source: 'a', transform: 7 }] }, record: {} }).expect(400);
      assert.equal(res.body.code, 'MAPPING_INVALID');
      assert.match(res.body.message, /\/rows\/0\/transform/);
    });

    it('suggest proposes rows from a describe and a sample record', async () => {
      await load();
      const describe = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'mapping', 'salesforce-lead.describe.json'), 'utf8');
      const res = await helper.request().post('/crm-field-mapper/suggest').send({ target: describe, sample: { Name: 'Jane Doe', 'E-mail': 'jane@acme.com', Company: 'Acme' } }).expect(200);
      const pairs = Object.fromEntries(res.body.suggestions.map((s: Msg) => [s.source, s.target]));
      assert.deepEqual(pairs, { Name: 'LastName', 'E-mail': 'Email', Company: 'Company' });
      assert.equal(res.body.mapping.version, 1);
      const missing = await helper.request().post('/crm-field-mapper/suggest').send({ sample: { a: 1 } }).expect(400);
      assert.equal(missing.body.code, 'SCHEMA_MISSING');
    });

    it('fields lists a schema\'s fields for the editor dropdowns', async () => {
      await load();
      const res = await helper.request().post('/crm-field-mapper/fields').send({ schema: JSON.stringify(schema) }).expect(200);
      assert.deepEqual(res.body.fields.map((f: Msg) => f.name), ['LastName', 'Company', 'Email', 'AnnualRevenue']);
    });
  });
});
