import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { startMondayTwin } from '../../src/sandbox/monday';
import type { MondayTwinHandle } from '../../src/sandbox/monday';
import { startSalesforceTwin } from '../../src/sandbox/salesforce';
import type { SalesforceTwinHandle } from '../../src/sandbox/salesforce';
import { translatedModules } from '../helpers/catalog';
import { helper } from '../helpers/red';

type Msg = Record<string, any>;
type TestNode = { on(ev: string, fn: (...a: any[]) => void): void; receive(m: Msg): void };

const modules = () => translatedModules(['salesforce-config', 'monday-config', 'field-mapper']) as never;

const sfMapping = {
  version: 1,
  rows: [
    { target: 'LastName', source: 'last' },
    { target: 'Company', source: 'company' },
    { target: 'City', source: 'city' },
    { target: 'Status', source: 'status' },
  ],
};
const mondayMapping = {
  version: 1,
  rows: [
    { target: 'name', source: 'Name' },
    { target: 'status', source: 'Status' },
    { target: 'email', source: 'Email' },
  ],
};

/** Loads a field mapper reading its schema from a connection and collects both outputs, errors and statuses. */
async function load(mapper: Msg, configs: Msg[], credentials: Record<string, unknown>) {
  const flow = [
    { id: 'fm', type: 'crm-field-mapper', version: 1, unknownFields: 'error', checkRequired: true, mappingProperty: 'mapping', wires: [['ok'], ['bad']], ...mapper },
    { id: 'ok', type: 'helper' },
    { id: 'bad', type: 'helper' },
    ...configs,
  ];
  await helper.load(modules(), flow, credentials);
  const ok: Msg[] = [];
  const bad: Msg[] = [];
  const errors: string[] = [];
  const statuses: Array<{ fill?: string; text?: string }> = [];
  (helper.getNode('ok') as unknown as TestNode).on('input', (m: Msg) => ok.push(m));
  (helper.getNode('bad') as unknown as TestNode).on('input', (m: Msg) => bad.push(m));
  const fm = helper.getNode('fm') as unknown as TestNode;
  fm.on('call:error', (call: { args: unknown[] }) => errors.push(String((call.args[0] as Error)?.message ?? call.args[0])));
  fm.on('call:status', (call: { args: Array<{ fill?: string; text?: string }> }) => statuses.push(call.args[0]));
  return { ok, bad, errors, statuses, fm };
}

async function until(cond: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cond(), 'timed out waiting');
}

describe('crm-field-mapper: target schema from a connection', () => {
  let sf: SalesforceTwinHandle;
  let monday: MondayTwinHandle;
  const sfConfig = (loginUrl = sf.info.loginUrl) => ({ id: 'sf', type: 'crm-salesforce-config', loginUrl, apiVersion: '62.0', authType: 'password', username: sf.info.username, clientId: sf.info.clientId });
  const sfCreds = () => ({ sf: { password: sf.info.password, securityToken: sf.info.securityToken, clientSecret: sf.info.clientSecret } });
  const mondayConfig = () => ({ id: 'acc', type: 'crm-monday-config', endpoint: monday.info.url, apiVersion: '2026-10', budget: 10_000_000 });
  const sfMapper = (over: Msg = {}) => ({ schemaSource: 'salesforce', sfConnection: 'sf', sfObject: 'Lead', mapping: JSON.stringify(sfMapping), ...over });
  const mondayMapper = (over: Msg = {}) => ({ schemaSource: 'monday', mondayAccount: 'acc', mondayBoard: monday.info.leadsBoardId, mapping: JSON.stringify(mondayMapping), ...over });

  before(async () => {
    [sf, monday] = await Promise.all([startSalesforceTwin(), startMondayTwin({ leads: 3 })]);
    helper.settings({ crmSyncSalesforce: { retryBaseMs: 5, slowDownMs: 1 } });
    await new Promise<void>((resolve) => helper.startServer(() => resolve()));
  });
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
    await Promise.all([sf.stop(), monday.stop()]);
  });

  it("salesforce: records are checked against Lead's describe (required, length, restricted picklist); the describe is fetched once until msg.refreshSchema", async () => {
    const { ok, bad, errors, statuses, fm } = await load(sfMapper(), [sfConfig()], sfCreds());
    await until(() => statuses.some((s) => s.text === 'ready'));
    const describesAfterDeploy = sf.stats().total;
    fm.receive({ payload: [{ last: 'Lovelace', company: 'Acme', city: 'London', status: 'Working - Contacted' }, { city: 'x'.repeat(41), status: 'Bogus' }] });
    await until(() => ok.length === 1 && bad.length === 1);
    assert.deepEqual(ok[0].payload, [{ LastName: 'Lovelace', Company: 'Acme', City: 'London', Status: 'Working - Contacted' }]);
    const problems = bad[0].problems.map((p: Msg) => `${p.field}:${p.code}`).sort();
    assert.deepEqual(problems, ['City:TOO_LONG', 'Company:REQUIRED_MISSING', 'LastName:REQUIRED_MISSING', 'Status:PICKLIST_INVALID']);
    assert.deepEqual(bad[0].payload, [{ city: 'x'.repeat(41), status: 'Bogus' }], 'the original record is kept');
    assert.equal(sf.stats().total, describesAfterDeploy, 'schema cached between messages');
    fm.receive({ payload: { last: 'Hopper', company: 'Navy' }, refreshSchema: true });
    await until(() => ok.length === 2);
    assert.ok((sf.stats().total) > describesAfterDeploy, 'msg.refreshSchema fetched the describe again');
    assert.deepEqual(errors, []);
  });

  it('salesforce: an unknown object or an unreachable org is a red status at deploy and a done(err) per message', async () => {
    const unknown = await load(sfMapper({ sfObject: 'NoSuchThing__c' }), [sfConfig()], sfCreds());
    await until(() => unknown.errors.length === 1);
    assert.match(unknown.errors[0], /Salesforce has no object "NoSuchThing__c"/);
    assert.equal(unknown.statuses.at(-1)?.fill, 'red');
    await helper.unload();

    const down = await load(sfMapper(), [sfConfig('http://127.0.0.1:9')], sfCreds());
    await until(() => down.errors.length === 1);
    assert.match(down.errors[0], /reach Salesforce/);
    down.fm.receive({ payload: { last: 'Lovelace', company: 'Acme' } });
    await until(() => down.errors.length === 2);
    assert.match(down.errors[1], /reach Salesforce/);
    assert.equal(down.ok.length + down.bad.length, 0);
    assert.ok(!down.errors.join(' ').includes(sf.info.password));
  });

  it('salesforce: no object named fails at deploy with a message saying what to fill in', async () => {
    const { errors } = await load(sfMapper({ sfObject: '' }), [sfConfig()], sfCreds());
    await until(() => errors.length === 1);
    assert.match(errors[0], /No Salesforce object is set/);
  });

  it('monday: board columns are the schema; an unknown status label is reported unless the writer creates labels', async () => {
    const { ok, bad, fm } = await load(mondayMapper(), [mondayConfig()], { acc: { token: monday.info.token } });
    fm.receive({ payload: [{ Name: 'Ada', Status: 'Quote', Email: 'ada@example.com' }, { Name: 'Bob', Status: 'No such label' }] });
    await until(() => ok.length === 1 && bad.length === 1);
    assert.deepEqual(ok[0].payload, [{ name: 'Ada', status: 'Quote', email: 'ada@example.com' }]);
    assert.deepEqual(
      bad[0].problems.map((p: Msg) => [p.field, p.code]),
      [['status', 'PICKLIST_INVALID']],
    );
    assert.match(bad[0].problems[0].message, /No such label/);
    await helper.unload();

    const lenient = await load(mondayMapper({ mondayNewLabels: true }), [mondayConfig()], { acc: { token: monday.info.token } });
    lenient.fm.receive({ payload: { Name: 'Bob', Status: 'No such label' } });
    await until(() => lenient.ok.length === 1);
  });

  it('monday: an unknown board is a clear error; the editor lists the board columns through the fields endpoint', async () => {
    const { errors } = await load(mondayMapper({ mondayBoard: '999999' }), [mondayConfig()], { acc: { token: monday.info.token } });
    await until(() => errors.length === 1);
    assert.match(errors[0], /does not know this board/);
    const res = await helper
      .request()
      .post('/crm-field-mapper/fields')
      .send({ schema: '', connection: { schemaSource: 'monday', mondayAccount: 'acc', mondayBoard: monday.info.leadsBoardId } })
      .expect(200);
    assert.ok(res.body.fields.some((f: Msg) => f.name === 'status' && f.label === 'Status' && f.picklist.includes('Quote')));
    const missing = await helper.request().post('/crm-field-mapper/fields').send({ connection: { schemaSource: 'salesforce', sfConnection: 'nope', sfObject: 'Lead' } }).expect(400);
    assert.equal(missing.body.code, 'CONFIG_MISSING');
  });
});
