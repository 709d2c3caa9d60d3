import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import pgLib from 'pg';
import { startSalesforceTwin } from '../../src/sandbox/salesforce';
import type { SalesforceTwinHandle } from '../../src/sandbox/salesforce';
import { translatedModules } from '../helpers/catalog';
import { createTempDatabase, waitFor } from '../helpers/postgres';
import type { TempDatabase } from '../helpers/postgres';
import { helper, nodeModule } from '../helpers/red';

type Msg = Record<string, any>;
type TestNode = { on(ev: string, fn: (m: any) => void): void; receive(m: Msg): void };

const modules = () => translatedModules(['salesforce-config', 'salesforce-in', 'salesforce-out', 'pg-config']) as never;

describe('salesforce config, salesforce in, salesforce out (against the twin)', () => {
  let twin: SalesforceTwinHandle;
  let db: TempDatabase;
  const cfg = () => ({ id: 'sf', type: 'crm-salesforce-config', loginUrl: twin.info.loginUrl, apiVersion: '62.0', authType: 'password', username: twin.info.username, clientId: twin.info.clientId });
  const creds = () => ({ sf: { password: twin.info.password, securityToken: twin.info.securityToken, clientSecret: twin.info.clientSecret } });
  const pg = () => ({ id: 'pg', type: 'crm-pg-config', mode: 'server', host: db.host, port: db.port, database: db.name, user: db.user });

  /** Collects what a node sends, its statuses and the errors Catch nodes would see. */
  function watch(id: string, outputs = 1) {
    const got: Msg[][] = Array.from({ length: outputs }, () => []);
    const errors: string[] = [];
    const statuses: Array<{ fill?: string; text?: string }> = [];
    for (let i = 0; i < outputs; i++) (helper.getNode(`${id}-out${i}`) as unknown as TestNode).on('input', (m) => got[i].push(m));
    const node = helper.getNode(id) as unknown as TestNode & { status: (s: unknown) => void };
    // done(err) reaches node.error, which Catch nodes listen to.
    node.on('call:error', (call: { args: unknown[] }) => errors.push(String((call.args[0] as Error)?.message ?? call.args[0])));
    const orig = node.status.bind(node);
    node.status = (s: any) => {
      statuses.push(s);
      orig(s);
    };
    return { got, errors, statuses, node };
  }

  function flow(node: Msg, outputs = 1): Msg[] {
    const wires = Array.from({ length: outputs }, (_, i) => [`${node.id}-out${i}`]);
    return [
      { id: 'tab', type: 'tab' },
      { ...node, z: 'tab', connection: 'sf', wires },
      ...wires.map(([id]) => ({ id, type: 'helper', z: 'tab' })),
      cfg(),
      pg(),
    ];
  }

  before(async () => {
    twin = await startSalesforceTwin();
    db = await createTempDatabase('crm_sf_nodes');
    helper.settings({ crmSyncSalesforce: { retryBaseMs: 5, slowDownMs: 1 } });
    await new Promise<void>((resolve) => helper.startServer(() => resolve()));
  });
  beforeEach(() => twin.reset());
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
    await twin.stop();
    await db.drop();
  });

  it('Test connection: undeployed settings report org, user and API usage; stored secrets are used for __PWRD__; nothing echoed', async () => {
    await helper.load(modules(), [cfg()], creds());
    const ok = await helper.request().post('/crm-salesforce-config/test').send({ ...cfg(), password: '__PWRD__', securityToken: '__PWRD__', clientSecret: '__PWRD__' }).expect(200);
    assert.equal(ok.body.organizationId, twin.info.organizationId);
    assert.equal(ok.body.username, twin.info.username);
    assert.equal(ok.body.apiUsage.limit, 15000);
    const undeployed = await helper.request().post('/crm-salesforce-config/test').send({ loginUrl: twin.info.loginUrl, authType: 'jwt', username: twin.info.username, clientId: twin.info.clientId, privateKey: twin.info.privateKey }).expect(200);
    assert.equal(undeployed.body.ok, true);
    const bad = await helper.request().post('/crm-salesforce-config/test').send({ loginUrl: twin.info.loginUrl, authType: 'password', username: twin.info.username, password: 'Wrong-Secret-77' }).expect(400);
    assert.equal(bad.body.code, 'SF_AUTH_FAILED');
    assert.match(bad.body.message, /refused the login/);
    assert.ok(!JSON.stringify(bad.body).includes('Wrong-Secret-77'));
  });

  it('describe endpoints: read permission; objects and fields for a deployed or undeployed config; unknown object is a 404 with Salesforce\'s message; no secrets', async () => {
    const guards = new Map<unknown, string>();
    const routes: Array<[string, unknown]> = [];
    const fakeRED = {
      nodes: { registerType: () => undefined },
      auth: { needsPermission: (p: string) => { const mw = (): void => undefined; guards.set(mw, p); return mw; } },
      httpAdmin: { post: (path: string, guard: unknown) => routes.push([path, guard]) },
    };
    (nodeModule('salesforce-config') as (red: unknown) => void)(fakeRED);
    assert.deepEqual(Object.fromEntries(routes.map(([path, g]) => [path, guards.get(g)])), {
      '/crm-salesforce-config/test': 'crm-salesforce-config.write',
      '/crm-salesforce-config/objects': 'crm-salesforce-config.read',
      '/crm-salesforce-config/fields': 'crm-salesforce-config.read',
    });

    await helper.load(modules(), [cfg()], creds());
    const secretValues = Object.values(creds().sf);
    const noSecrets = (body: unknown) => secretValues.forEach((v) => assert.ok(!JSON.stringify(body).includes(v), 'a secret was echoed'));
    const objects = await helper.request().post('/crm-salesforce-config/objects').send({ id: 'sf' }).expect(200);
    const lead = objects.body.objects.find((o: Msg) => o.name === 'Lead');
    assert.deepEqual(lead, { name: 'Lead', label: 'Lead', queryable: true, createable: true, updateable: true, custom: false });
    noSecrets(objects.body);
    const fields = await helper.request().post('/crm-salesforce-config/fields').send({ id: 'sf', object: 'Lead' }).expect(200);
    const ext = fields.body.fields.find((f: Msg) => f.name === 'Monday_Item_Id__c');
    assert.equal(ext.externalId, true);
    assert.equal(ext.createable, true);
    assert.deepEqual(Object.keys(ext).sort(), ['createable', 'externalId', 'idLookup', 'label', 'name', 'type', 'updateable']);
    assert.equal(fields.body.fields.find((f: Msg) => f.name === 'Id').createable, false);
    noSecrets(fields.body);

    const undeployed = { loginUrl: twin.info.loginUrl, authType: 'jwt', username: twin.info.username, clientId: twin.info.clientId, privateKey: twin.info.privateKey };
    const viaJwt = await helper.request().post('/crm-salesforce-config/fields').send({ ...undeployed, object: 'Contact' }).expect(200);
    assert.equal(viaJwt.body.object, 'Contact');
    const unknown = await helper.request().post('/crm-salesforce-config/fields').send({ id: 'sf', object: 'Nope__c' }).expect(404);
    assert.equal(unknown.body.ok, false);
    assert.equal(unknown.body.code, 'SF_NOT_FOUND');
    assert.match(unknown.body.message, /The requested resource does not exist/);
    const badName = await helper.request().post('/crm-salesforce-config/fields').send({ id: 'sf', object: "Lead'; --" }).expect(400);
    assert.equal(badName.body.code, 'SF_BAD_NAME');
    const wrong = await helper.request().post('/crm-salesforce-config/objects').send({ ...cfg(), password: 'Wrong-Secret-88' }).expect(400);
    assert.equal(wrong.body.code, 'SF_AUTH_FAILED');
    assert.ok(!JSON.stringify(wrong.body).includes('Wrong-Secret-88'));
    noSecrets(wrong.body);
    const quiet = await helper.request().post('/crm-salesforce-config/objects').send({ loginUrl: 'http://127.0.0.1:9', username: 'x', password: 'p', quiet: true }).expect(200);
    assert.equal(quiet.body.ok, false);
    assert.equal(quiet.body.code, 'SF_UNREACHABLE');
  });

  it('query mode: 4,500 records in 3 pages pulled with msg.next, bound params, metadata and status (Save cursor only matters in delta)', async () => {
    twin.insert('Account', Array.from({ length: 4500 }, (_, n) => ({ Name: `A${n}`, Industry: n % 2 ? 'Odd' : "O'Even" })));
    twin.insert('Account', [{ Name: 'other', Industry: 'Other' }]);
    await helper.load(modules(), flow({ id: 'in', type: 'crm-salesforce-in', mode: 'query', query: 'SELECT Id, Name FROM Account WHERE Industry IN :ind', paging: 'pull', commit: 'next' }), creds());
    const w = watch('in');
    w.node.receive({ params: { ind: ['Odd', "O'Even"] } });
    await waitFor(() => w.got[0].length === 1, 5000, 'page 1');
    assert.equal(w.got[0][0].payload.length, 2000);
    assert.deepEqual({ ...w.got[0][0].crm }, { object: 'Account', page: 1, total: 4500, done: false });
    assert.equal('attributes' in w.got[0][0].payload[0], false);
    await waitFor(() => w.statuses.at(-1)?.text?.includes('waiting for msg.next'), 2000, 'waiting status');
    assert.equal(w.statuses.at(-1)?.text, '2000 records, 1 pages; waiting for msg.next');
    w.node.receive({ next: true });
    await waitFor(() => w.got[0].length === 2, 5000, 'page 2');
    w.node.receive({ next: true });
    await waitFor(() => w.got[0].length === 3, 5000, 'page 3');
    assert.equal(w.got[0][2].crm.done, true);
    const ids = new Set(w.got[0].flatMap((m) => m.payload.map((r: Msg) => r.Id)));
    assert.equal(ids.size, 4500);
    await waitFor(() => w.statuses.at(-1)?.text === 'done: 4500 records in 3 pages', 2000, 'done status');
    assert.deepEqual(w.errors, []);
  });

  it('bulk mode: 12,000 records in 3 pages of 5,000 pulled with msg.next, typed, bound, no header records; refused job is a clear error', async () => {
    twin.insert('Lead', Array.from({ length: 12000 }, (_, n) => ({ LastName: `B${n}`, Company: 'Bulk', NumberOfEmployees: n })));
    twin.insert('Lead', [{ LastName: 'not me', Company: 'Other' }]);
    await helper.load(modules(), flow({ id: 'bk', type: 'crm-salesforce-in', mode: 'bulk', query: 'SELECT Id, LastName, Email, NumberOfEmployees FROM Lead WHERE Company = :c', pageSize: 5000, paging: 'pull' }), creds());
    const w = watch('bk');
    w.node.receive({ params: { c: 'Bulk' }, topic: 't' });
    await waitFor(() => w.got[0].length === 1, 15000, 'page 1');
    assert.deepEqual({ ...w.got[0][0].crm }, { object: 'Lead', page: 1, total: 12000, done: false });
    assert.equal(w.got[0][0].topic, 't');
    const first = w.got[0][0].payload[0];
    assert.deepEqual(Object.keys(first), ['Id', 'LastName', 'Email', 'NumberOfEmployees']);
    assert.equal(first.Email, null);
    assert.equal(typeof first.NumberOfEmployees, 'number');
    await waitFor(() => w.statuses.at(-1)?.text === '5000 records, 1 pages; waiting for msg.next', 2000, 'waiting status');
    w.node.receive({ next: true });
    await waitFor(() => w.got[0].length === 2, 5000, 'page 2');
    w.node.receive({ next: true });
    await waitFor(() => w.got[0].length === 3, 5000, 'page 3');
    assert.deepEqual(w.got[0].map((m) => [m.payload.length, m.crm.page, m.crm.done]), [[5000, 1, false], [5000, 2, false], [2000, 3, true]]);
    const records = w.got[0].flatMap((m) => m.payload as Msg[]);
    assert.equal(new Set(records.map((r) => r.Id)).size, 12000);
    assert.ok(records.every((r) => /^B\d+$/.test(r.LastName)), 'only real records (no repeated CSV headers)');
    await waitFor(() => w.statuses.at(-1)?.text === 'done: 12000 records in 3 pages', 2000, 'done status');
    w.node.receive({ query: 'SELECT COUNT() FROM Lead' });
    await waitFor(() => w.errors.length === 1, 5000, 'refused job');
    assert.match(w.errors[0], /refused the Bulk query job: .*COUNT\(\)/);
    w.node.receive({ query: 'SELECT Id FROM Nope__c' });
    await waitFor(() => w.errors.length === 2, 5000, 'unknown object');
    assert.match(w.errors[1], /does not know this object: [^]*sObject type 'Nope__c' is not supported/);
  });

  it('delta mode: ties on SystemModstamp across page edges and a restart midway, cursor in PostgreSQL: nothing missed or repeated', async () => {
    twin.setClock(Date.parse('2026-02-01T00:00:00Z'));
    twin.insert('Lead', Array.from({ length: 450 }, (_, n) => ({ LastName: `T${n}`, Company: 'Tie' })));
    twin.setClock(null);
    const node = { id: 'dl', type: 'crm-salesforce-in', mode: 'delta', object: 'Lead', fields: 'LastName', pageSize: 200, paging: 'pull', store: 'pg' };
    await helper.load(modules(), flow(node), creds());
    let w = watch('dl');
    const seen: string[] = [];
    w.node.receive({});
    await waitFor(() => w.got[0].length === 1, 10000, 'first page');
    seen.push(...w.got[0][0].payload.map((r: Msg) => r.Id));
    assert.equal(w.got[0][0].crm.cursor.id, seen.at(-1));
    await helper.unload();
    // Restarted: same node id, same database. Records changed meanwhile come after the old ones.
    twin.insert('Lead', [{ LastName: 'Later', Company: 'Tie' }]);
    await helper.load(modules(), flow({ ...node, paging: 'all' }), creds());
    w = watch('dl');
    w.node.receive({});
    await waitFor(() => w.got[0].at(-1)?.crm.done, 10000, 'rest');
    seen.push(...w.got[0].flatMap((m) => m.payload.map((r: Msg) => r.Id)));
    assert.equal(seen.length, 451);
    assert.equal(new Set(seen).size, 451);
    w.node.receive({});
    await waitFor(() => w.got[0].length === 3, 5000, 'empty read');
    assert.deepEqual(w.got[0][2].payload, []);
    assert.deepEqual(w.errors, []);
  });

  it('delta, Save cursor on msg.next: a page not acknowledged is read again after a restart; msg.next after the last page saves it and ends the read', async () => {
    twin.insert('Lead', Array.from({ length: 450 }, (_, n) => ({ LastName: `K${n}`, Company: 'Ack' })));
    const node = { id: 'ak', type: 'crm-salesforce-in', mode: 'delta', object: 'Lead', fields: 'LastName', pageSize: 200, paging: 'pull', commit: 'next', store: 'pg', cursorName: 'acked' };
    const stored = async () => {
      const c = new pgLib.Client({ connectionString: db.url });
      await c.connect();
      try {
        return (await c.query("SELECT value FROM crm_sync.cursor WHERE node = 'acked'")).rows[0]?.value ?? null;
      } finally {
        await c.end();
      }
    };
    await helper.load(modules(), flow(node), creds());
    let w = watch('ak');
    w.node.receive({});
    await waitFor(() => w.got[0].length === 1, 10000, 'first page');
    const first = w.got[0][0].payload.map((r: Msg) => r.Id);
    await waitFor(() => w.statuses.at(-1)?.text === '200 records, 1 pages; waiting for msg.next', 2000, 'waiting');
    assert.equal(await stored(), null, 'not saved before msg.next');
    await helper.unload(); // Node-RED stops while page 1 is being handled

    await helper.load(modules(), flow(node), creds());
    w = watch('ak');
    w.node.receive({});
    await waitFor(() => w.got[0].length === 1, 10000, 'page 1 again');
    assert.deepEqual(w.got[0][0].payload.map((r: Msg) => r.Id), first);
    w.node.receive({ next: true });
    await waitFor(() => w.got[0].length === 2, 10000, 'page 2');
    assert.deepEqual(await stored(), w.got[0][0].crm.cursor, 'page 1 saved by the msg.next asking for page 2');
    w.node.receive({ next: true });
    await waitFor(() => w.got[0].length === 3, 10000, 'page 3');
    assert.equal(w.got[0][2].crm.done, true);
    await waitFor(() => w.statuses.at(-1)?.text === '450 records, 3 pages; msg.next saves the cursor', 2000, 'last page waits');
    assert.deepEqual(await stored(), w.got[0][1].crm.cursor);
    w.node.receive({});
    await waitFor(() => w.errors.length === 1, 5000, 'new read refused');
    assert.match(w.errors[0], /waits for msg\.next=true to save its cursor/);
    w.node.receive({ next: true });
    await waitFor(() => w.statuses.at(-1)?.text === 'done: 450 records in 3 pages', 5000, 'done');
    assert.deepEqual(await stored(), w.got[0][2].crm.cursor);
    assert.equal(w.got[0].length, 3, 'msg.next after the last page sends nothing');
    const ids = w.got[0].flatMap((m) => m.payload.map((r: Msg) => r.Id));
    assert.equal(new Set(ids).size, 450);

    w.node.receive({});
    await waitFor(() => w.got[0].length === 4, 5000, 'nothing new');
    assert.deepEqual(w.got[0][3].payload, []);
    w.node.receive({ stop: true });
    await waitFor(() => w.statuses.at(-1)?.text === undefined, 2000, 'stopped');
    w.node.receive({});
    await waitFor(() => w.got[0].length === 5, 5000, 'a new read after msg.stop');
    assert.equal(w.errors.length, 1);
  });

  it('ids, describe and record output; bad input gives clear node errors', async () => {
    const ids = twin.insert('Lead', [{ LastName: 'One', Company: 'C' }, { LastName: 'Two', Company: 'C' }]);
    await helper.load(modules(), flow({ id: 'byid', type: 'crm-salesforce-in', mode: 'ids', object: 'Lead', fields: 'LastName', output: 'record', paging: 'all' }), creds());
    let w = watch('byid');
    w.node.receive({ payload: ids });
    await waitFor(() => w.got[0].length === 2, 5000, 'records');
    assert.deepEqual(w.got[0].map((m) => m.payload.LastName), ['One', 'Two']);
    w.node.receive({ payload: 42 });
    w.node.receive({ payload: ids, fields: ['Nope__c'] });
    await waitFor(() => w.errors.length === 2, 5000, 'errors');
    assert.match(w.errors[0], /No record ids/);
    assert.match(w.errors[1], /does not know a field/);
    await helper.unload();

    await helper.load(modules(), flow({ id: 'q', type: 'crm-salesforce-in', mode: 'query', query: 'SELECT Id FROM Lead WHERE LastName = :n', paging: 'all' }), creds());
    w = watch('q');
    w.node.receive({ params: { n: "' OR LastName != '" } });
    w.node.receive({});
    w.node.receive({ params: { n: { x: 1 } } });
    w.node.receive({ query: 'SELECT Id FROM Nope__c' });
    w.node.receive({ query: 'SELEKT' });
    w.node.receive({ params: 'n=1' });
    await waitFor(() => w.got[0].length === 1 && w.errors.length === 5, 8000, 'answers');
    assert.deepEqual(w.got[0][0].payload, []);
    assert.match(w.errors[0], /No value for :n|:n: no value/);
    assert.match(w.errors[1], /:n: a plain object cannot be a SOQL value/);
    assert.match(w.errors[2], /does not know this object/);
    assert.match(w.errors[3], /rejected the SOQL query/);
    assert.match(w.errors[4], /msg\.params: must be an object/);
    await helper.unload();

    await helper.load(modules(), flow({ id: 'd', type: 'crm-salesforce-in', mode: 'describe', object: 'Lead' }), creds());
    w = watch('d');
    w.node.receive({});
    await waitFor(() => w.got[0].length === 1, 5000, 'describe');
    assert.equal(w.got[0][0].payload.name, 'Lead');
    assert.ok(w.got[0][0].payload.fields.some((f: Msg) => f.name === 'Monday_Item_Id__c'));
  });

  it('salesforce out: 1,000 upserts in 5 calls, per-record failures on output 2, allOrNone, bad input', async () => {
    await helper.load(modules(), flow({ id: 'out', type: 'crm-salesforce-out', operation: 'upsert', object: 'Lead', externalIdField: 'Monday_Item_Id__c' }, 2), creds());
    const w = watch('out', 2);
    const recs = Array.from({ length: 1000 }, (_, n) => ({ Monday_Item_Id__c: `n-${n}`, LastName: `N${n}`, Company: 'Nodes' }));
    recs[500] = { Monday_Item_Id__c: 'n-500', Company: 'no last name' } as never;
    twin.resetStats();
    w.node.receive({ payload: recs, topic: 'batch' });
    await waitFor(() => w.got[0].length === 1 && w.got[1].length === 1, 10000, 'results');
    assert.equal(twin.stats().requests.collections, 5);
    assert.equal(w.got[0][0].payload.length, 999);
    assert.ok(w.got[0][0].payload.every((r: Msg) => /^00Q/.test(r.Id)));
    assert.equal(w.got[0][0].topic, 'batch');
    assert.deepEqual(w.got[1][0].errors.map((e: Msg) => [e.index, e.statusCode, e.fields]), [[500, 'REQUIRED_FIELD_MISSING', ['LastName']]]);
    assert.equal(w.got[1][0].payload[0].Company, 'no last name');
    await waitFor(() => w.statuses.at(-1)?.text === '999 written, 1 failed', 2000, 'status');

    w.node.receive({ payload: [] });
    w.node.receive({ payload: 'text' });
    w.node.receive({ payload: { LastName: 'x' }, operation: 'merge' });
    w.node.receive({ payload: { LastName: 'x', Monday_Item_Id__c: 'z' }, object: 'Nope__c' });
    await waitFor(() => w.errors.length === 3 && w.got[1].length === 2, 5000, 'bad input');
    assert.match(w.errors[0], /empty list/);
    assert.match(w.errors[1], /got string/);
    assert.match(w.errors[2], /Unknown write operation "merge"/);
    assert.equal(w.got[1][1].error.statusCode, 'NOT_FOUND');
    assert.equal(w.got[1][1].payload.LastName, 'x');
  });

  it('salesforce out composite: Account, Contact and Opportunity in one all-or-none call; a refused graph leaves whole on output 2', async () => {
    await helper.load(modules(), flow({ id: 'out', type: 'crm-salesforce-out', operation: 'composite', object: '', externalIdField: 'Monday_Item_Id__c' }, 2), creds());
    const w = watch('out', 2);
    const graph = (item: string, stage: string) => [
      { referenceId: 'account', object: 'Account', operation: 'upsert', record: { Monday_Item_Id__c: item, Name: 'Graph Ltd' } },
      { referenceId: 'contact', object: 'Contact', operation: 'create', record: { LastName: 'Hopper', AccountId: '@{account.id}' } },
      { referenceId: 'deal', object: 'Opportunity', operation: 'upsert', record: { Monday_Item_Id__c: item, Name: 'Graph deal', StageName: stage, CloseDate: '2026-09-30', AccountId: '@{account.id}' } },
    ];
    twin.resetStats();
    w.node.receive({ payload: graph('7001', 'Qualification'), topic: 'qualified' });
    await waitFor(() => w.got[0].length === 1, 5000, 'written');
    assert.equal(twin.stats().requests.composite, 1);
    const ok = w.got[0][0];
    assert.equal(ok.topic, 'qualified');
    assert.deepEqual(Object.keys(ok.crm.results), ['account', 'contact', 'deal']);
    assert.equal(ok.crm.operation, 'composite');
    assert.equal(ok.crm.object, 'Account, Contact, Opportunity');
    const accountId = ok.crm.results.account.id;
    assert.match(accountId, /^001/);
    assert.deepEqual(ok.payload.map((r: Msg) => r.Id), [accountId, ok.crm.results.contact.id, ok.crm.results.deal.id]);
    assert.equal(twin.records('Contact').find((r) => r.Id === ok.crm.results.contact.id)?.AccountId, accountId);
    await waitFor(() => w.statuses.at(-1)?.text === '3 written', 2000, 'status');

    const contacts = twin.records('Contact').length;
    w.node.receive({ payload: graph('7002', 'Signed') });
    await waitFor(() => w.got[1].length === 1, 5000, 'refused');
    const bad = w.got[1][0];
    assert.equal(bad.payload.length, 3);
    assert.deepEqual(bad.errors.map((e: Msg) => [e.referenceId, e.statusCode]), [['account', 'PROCESSING_HALTED'], ['contact', 'PROCESSING_HALTED'], ['deal', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST']]);
    assert.equal(bad.error.referenceId, 'deal');
    assert.equal(bad.error.source, 'salesforce');
    assert.equal(twin.records('Contact').length, contacts);
    assert.equal(twin.records('Account').filter((r) => r.Monday_Item_Id__c === '7002').length, 0);
    await waitFor(() => w.statuses.at(-1)?.text === '3 refused (all or none)', 2000, 'status');

    w.node.receive({ payload: { referenceId: 'a', object: 'Account', operation: 'create', record: {} } });
    w.node.receive({ payload: Array.from({ length: 26 }, (_, i) => ({ referenceId: `a${i}`, object: 'Account', operation: 'create', record: { Name: `A${i}` } })) });
    await waitFor(() => w.errors.length === 2, 5000, 'bad input');
    assert.match(w.errors[0], /list of 1 to 25 entries .*got object/);
    assert.match(w.errors[1], /got a list of 26/);
    assert.equal(w.got[0].length + w.got[1].length, 2, 'nothing sent for bad input');
  });

  it('salesforce out: faults are retried, nothing lost or duplicated; status says when it slows down for API usage', async () => {
    // A small daily allocation, so the slow-down threshold (1%) is passed at once.
    const small = await startSalesforceTwin({ dailyApiLimit: 200 });
    try {
      await helper.load(modules(), [...flow({ id: 'out', type: 'crm-salesforce-out', operation: 'create', object: 'Contact', allOrNone: false }, 2).filter((n) => n.id !== 'sf'), { ...cfg(), loginUrl: small.info.loginUrl, slowDownAt: 1 }], creds());
      const w = watch('out', 2);
      small.setFaults({ seed: 3, errorRate: 0.1, lockRate: 0.1 });
      w.node.receive({ payload: Array.from({ length: 600 }, (_, n) => ({ LastName: `C${n}`, Email: `c${n}@example.com` })) });
      await waitFor(() => w.got[0].length + w.got[1].length >= 1, 10000, 'results');
      assert.equal(w.got[1].length, 0, JSON.stringify(w.got[1][0]?.errors?.[0]));
      assert.equal(w.got[0][0].payload.length, 600);
      const stored = small.records('Contact').filter((r) => /^c\d+@example\.com$/.test(String(r.Email)));
      assert.equal(stored.length, 600);
      assert.equal(new Set(stored.map((r) => r.Email)).size, 600);
      assert.ok(Object.values(small.stats().faults).reduce((a, b) => a + b, 0) > 0, 'faults were injected');
      assert.match(w.statuses.at(-1)?.text ?? '', /^slowing down: API usage \d+\/200$/);
    } finally {
      await helper.unload();
      await small.stop();
    }
  });
});
