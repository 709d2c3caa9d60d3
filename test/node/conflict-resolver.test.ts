import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { queryable, snapshotDb } from '../helpers/conflict-pglite';
import { ROOT, helper, nodeModule } from '../helpers/red';

type Msg = Record<string, any>;
type TestNode = { on(event: string, cb: (arg: any) => void): void; receive(msg: Msg): void; status: any };

let db: PGlite;

/** Stand-in for crm-pg-config over an in-memory PGlite (test/node/pg-wiring.test.ts uses the real one). */
function fakePgConfig(RED: any): void {
  RED.nodes.registerType('crm-pg-config', function (this: any, def: any) {
    RED.nodes.createNode(this, def);
    this.getStore = async () => queryable(db);
    this.state = { state: 'idle' };
    this.register = () => undefined;
    this.deregister = () => undefined;
  });
}

/**
 * The test helper's RED._ returns keys untranslated; this wraps the node so status and error texts
 * are rendered from the built catalog the way Node-RED's i18next does (__name__ placeholders),
 * proving the keys exist and read well.
 */
function withCatalog(mod: unknown): unknown {
  const file = path.join(ROOT, 'dist', 'nodes', 'conflict-resolver', 'locales', 'en-US', 'conflict-resolver.json');
  const catalog = JSON.parse(fs.readFileSync(file, 'utf8'));
  return (RED: any) => {
    RED._ = (key: string, params?: Record<string, unknown>) => {
      const text = key.split('.').reduce((node: any, k) => (node && typeof node === 'object' ? node[k] : undefined), catalog);
      return typeof text === 'string' ? text.replace(/__(\w+)__/g, (_m, name: string) => String(params?.[name] ?? '')) : key;
    };
    return (mod as (red: unknown) => unknown)(RED);
  };
}

const resolver = () => withCatalog(nodeModule('conflict-resolver'));

const base = { Name: 'Ann', Phone: '111', Email: 'ann@x.io' };

function flow(props: Record<string, unknown> = {}, wires = [['out'], ['err'], ['echo']]) {
  return [
    { id: 'r', type: 'crm-conflict-resolver', strategy: 'priority', priority: ['salesforce', 'monday'], keyProperty: 'crm.key', ...props, wires },
    { id: 'out', type: 'helper' },
    { id: 'err', type: 'helper' },
    { id: 'echo', type: 'helper' },
  ];
}

/** Sends msgs through the resolver; resolves with what each helper received once `expected` messages arrived. */
async function exchange(msgs: Msg[], expected: number): Promise<Record<string, Msg[]>> {
  const got: Record<string, Msg[]> = { out: [], err: [], echo: [] };
  let count = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out: ${JSON.stringify(got)}`)), 3000);
    for (const id of Object.keys(got)) {
      (helper.getNode(id) as unknown as TestNode).on('input', (msg: Msg) => {
        got[id].push(msg);
        if (++count === expected) {
          clearTimeout(timer);
          setTimeout(() => resolve(got), 20);
        }
      });
    }
    const r = helper.getNode('r') as unknown as TestNode;
    for (const msg of msgs) r.receive(msg);
  });
}

describe('crm-conflict-resolver node', () => {
  before(async () => {
    db = await snapshotDb();
  });
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
    await db.close();
  });

  it('resolves a two-sided record against msg.snapshot: record, patches, conflict report, snapshot', async () => {
    await helper.load(resolver() as never, flow());
    const statuses: any[] = [];
    (helper.getNode('r') as unknown as TestNode).on('call:status', (call: any) => statuses.push(call.args[0]));
    const got = await exchange([{ payload: { salesforce: { ...base, Phone: 'sf', Email: 'e@x.io' }, monday: { ...base, Phone: 'mo' } }, snapshot: base }], 1);
    const msg = got.out[0];
    assert.deepEqual(msg.payload, { Name: 'Ann', Phone: 'sf', Email: 'e@x.io' });
    assert.deepEqual(msg.patches, { monday: { Phone: 'sf', Email: 'e@x.io' }, salesforce: {} });
    assert.equal(msg.conflicts.length, 1);
    assert.equal(msg.conflicts[0].field, 'Phone');
    assert.equal(msg.conflicts[0].winner, 'salesforce');
    assert.equal(msg.conflicts[0].status, 'success');
    assert.deepEqual(Object.keys(msg.snapshot.hashes), ['monday', 'salesforce']);
    assert.equal(msg.crm.mode, 'three-way');
    assert.equal(msg.crm.snapshotSource, 'msg');
    assert.deepEqual(msg.crm.changes, [{ field: 'Email', systems: ['salesforce'], value: 'e@x.io' }]);
    const node = helper.getNode('r') as any;
    const own = node.status.getCalls().filter((c: any) => c.thisValue === node);
    assert.equal(own[0].args[0].text, 'ready: snapshots in memory, lost on restart', 'set at deploy');
    assert.equal(statuses.at(-1).text, '1 resolved, 1 conflicts, 0 echoes, 0 bad (memory)');
  });

  it('sends bad input to the error output with a clear message, and keeps going', async () => {
    await helper.load(resolver() as never, flow());
    const got = await exchange([{ payload: { salesforce: 'oops', monday: [] } }, { payload: { a: { x: 1 }, b: { x: 2 } } }], 2);
    assert.equal(got.err.length, 1);
    const e = got.err[0].error;
    assert.equal(e.code, 'CONFLICT_INPUT_INVALID');
    assert.match(e.message, /^Invalid input: payload\.monday: must be an object .*payload\.salesforce/);
    assert.deepEqual(got.err[0].payload, { salesforce: 'oops', monday: [] }, 'the record is kept as it came');
    assert.equal(got.out.length, 1, 'the next record still resolves');
  });

  it('keeps snapshots in memory per key: the second message is three-way, an echo goes to output 3', async () => {
    await helper.load(resolver() as never, flow());
    const crm = { key: 'Contact:1' };
    const got = await exchange(
      [
        { crm, payload: { salesforce: { ...base }, monday: { ...base, Phone: '' } } },
        // monday reports what we wrote to it: an echo.
        { crm, payload: { monday: { ...base } } },
        // salesforce changes a field: three-way against the stored snapshot, monday gets the patch.
        { crm, payload: { salesforce: { ...base, Email: 'new@x.io' } } },
      ],
      3,
    );
    assert.equal(got.out.length, 2);
    assert.equal(got.out[0].crm.mode, 'two-way');
    assert.deepEqual(got.out[0].patches, { monday: { Phone: '111' }, salesforce: {} });
    assert.deepEqual(got.echo[0].crm.echo, ['monday']);
    assert.deepEqual(got.echo[0].payload, { monday: base }, 'echo untouched');
    assert.equal(got.out[1].crm.snapshotSource, 'store');
    assert.deepEqual(got.out[1].patches, { monday: { Email: 'new@x.io' }, salesforce: {} });
    assert.deepEqual(got.out[1].conflicts, []);
  });

  it('drops echoes silently when the echo output is off', async () => {
    await helper.load(resolver() as never, flow({ echoOutput: false }, [['out'], ['err']]));
    const crm = { key: 'k' };
    const got = await exchange([{ crm, payload: { a: { x: 1 } } }, { crm, payload: { a: { x: 1 } } }, { crm, payload: { a: { x: 2 } } }], 2);
    assert.deepEqual(got.out.map((m) => m.payload), [{ x: 1 }, { x: 2 }]);
    assert.equal(got.echo.length, 0);
  });

  it('stores snapshots in PostgreSQL through the selected crm-pg-config', async () => {
    await helper.load([fakePgConfig, resolver()] as never, [...flow({ pgConfig: 'pg', strategy: 'lww' }), { id: 'pg', type: 'crm-pg-config' }]);
    const crm = { key: 'Contact:pg' };
    const got = await exchange(
      [
        { crm, payload: { salesforce: { ...base }, monday: { ...base } } },
        {
          crm,
          payload: {
            salesforce: { record: { ...base, Phone: 'sf' }, modifiedAt: '2026-01-01T10:00:00Z' },
            monday: { record: { ...base, Phone: 'mo' }, modifiedAt: '2026-01-01T11:00:00Z' },
          },
        },
      ],
      2,
    );
    assert.equal(got.out[1].crm.snapshotSource, 'store');
    assert.equal(got.out[1].payload.Phone, 'mo');
    const rows = await db.query<{ system: string; snapshot: any }>('SELECT system, snapshot FROM crm_sync.record_snapshot WHERE entity_key = $1 ORDER BY system', ['Contact:pg']);
    assert.deepEqual(rows.rows.map((r) => [r.system, r.snapshot.Phone]), [['monday', 'mo'], ['salesforce', 'mo']]);
  });

  it('reports a bad configuration on the node and fails each message through done(err)', async () => {
    await helper.load(resolver() as never, flow({ strategy: 'jsonata', expression: 'values.(' }));
    const r = helper.getNode('r') as unknown as TestNode;
    const errors: any[] = [];
    r.on('call:error', (call: any) => errors.push(call.args));
    r.receive({ payload: { a: { x: 1 } } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(errors.length >= 1);
    assert.match(String(errors.at(-1)[0]), /JSONata expression does not compile/);
  });

  it('reports a selected but missing PostgreSQL configuration at deploy', async () => {
    await helper.load(resolver() as never, flow({ pgConfig: 'gone' }));
    const r = helper.getNode('r') as unknown as TestNode;
    const errors: any[] = [];
    r.on('call:error', (call: any) => errors.push(call.args));
    r.receive({ payload: { a: { x: 1 } } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // common.json says {{type}}, which Node-RED (__type__ placeholders) does not fill: reported to the lead.
    assert.match(String(errors.at(-1)?.[0]), /configuration is selected: open the node and pick or add one/);
  });

  it('rejects a key of the wrong type as a per-record error', async () => {
    await helper.load(resolver() as never, flow());
    const got = await exchange([{ crm: { key: { id: 1 } }, payload: { a: { x: 1 } } }], 1);
    assert.equal(got.err[0].error.code, 'CONFLICT_KEY_INVALID');
    assert.match(got.err[0].error.message, /msg\.crm\.key must be a string or number/);
  });
});
