import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { writeComposite } from '../../src/connectors/salesforce';
import type { SalesforceClient } from '../../src/connectors/salesforce';
import { startSalesforceTwin } from '../../src/sandbox/salesforce';
import type { SalesforceTwinHandle } from '../../src/sandbox/salesforce';
import { twinClient } from '../helpers/sf-client';

/** A qualified lead as the real-time example writes it: Account, then Contact and Opportunity referring to it. */
function qualification(item: string, stage = 'Qualification'): unknown[] {
  return [
    { referenceId: 'account', object: 'Account', operation: 'upsert', externalIdField: 'Monday_Item_Id__c', record: { Monday_Item_Id__c: item, Name: `Company ${item}` } },
    { referenceId: 'contact', object: 'Contact', operation: 'upsert', externalIdField: 'Monday_Item_Id__c', record: { Monday_Item_Id__c: item, LastName: `Person ${item}`, AccountId: '@{account.id}' } },
    { referenceId: 'opportunity', object: 'Opportunity', operation: 'upsert', externalIdField: 'Monday_Item_Id__c', record: { Monday_Item_Id__c: item, Name: `Deal ${item}`, StageName: stage, CloseDate: '2026-12-31', AccountId: '@{account.id}' } },
  ];
}

describe('salesforce connector: composite all-or-none writes against the twin', () => {
  let twin: SalesforceTwinHandle;
  let client: SalesforceClient;
  const byItem = (object: string, item: string) => twin.records(object).filter((r) => r.Monday_Item_Id__c === item);
  before(async () => {
    twin = await startSalesforceTwin();
    client = twinClient(twin);
  });
  beforeEach(() => twin.reset());
  after(async () => {
    await client.close();
    await twin.stop();
  });

  it('creates an Account, its Contact and Opportunity in one call, references resolved; results per entry', async () => {
    twin.resetStats();
    const results = await writeComposite(client, [
      { referenceId: 'acc', object: 'Account', operation: 'create', record: { Name: 'Composite Works' } },
      { referenceId: 'con', object: 'Contact', operation: 'create', record: { LastName: 'Lovelace', AccountId: '@{acc.id}' } },
      { referenceId: 'opp', operation: 'create', record: { Name: 'First deal', StageName: 'Prospecting', CloseDate: '2026-06-30', AccountId: '@{acc.id}' } },
    ], { defaultObject: 'Opportunity' });
    assert.deepEqual(results.map((r) => [r.referenceId, r.object, r.success, r.created, r.httpStatusCode]), [
      ['acc', 'Account', true, true, 201], ['con', 'Contact', true, true, 201], ['opp', 'Opportunity', true, true, 201],
    ]);
    assert.equal(twin.stats().requests.composite, 1);
    const account = twin.records('Account').find((r) => r.Id === results[0].id)!;
    assert.equal(account.Name, 'Composite Works');
    assert.equal(twin.records('Contact').find((r) => r.Id === results[1].id)!.AccountId, account.Id);
    assert.equal(twin.records('Opportunity').find((r) => r.Id === results[2].id)!.AccountId, account.Id);
  });

  it('upserts by external id are idempotent (created, then updated, same ids); update by a referenced Id reports that id', async () => {
    const first = await writeComposite(client, qualification('1800000101'));
    assert.ok(first.every((r) => r.success && r.created), JSON.stringify(first));
    const again = await writeComposite(client, qualification('1800000101', 'Proposal/Price Quote'));
    assert.deepEqual(again.map((r) => [r.id, r.created, r.httpStatusCode]), first.map((r) => [r.id, false, 200]));
    for (const object of ['Account', 'Contact', 'Opportunity']) assert.equal(byItem(object, '1800000101').length, 1, object);
    assert.equal(byItem('Opportunity', '1800000101')[0].StageName, 'Proposal/Price Quote');

    const updated = await writeComposite(client, [
      { referenceId: 'acc', object: 'Account', operation: 'upsert', externalIdField: 'Monday_Item_Id__c', record: { Monday_Item_Id__c: '1800000101', Name: 'Renamed' } },
      { referenceId: 'opp', object: 'Opportunity', operation: 'update', record: { Id: first[2].id, Description: 'moved' } },
      { referenceId: 'acc2', object: 'Account', operation: 'update', record: { Id: '@{acc.id}', Phone: '+49 30 1234567' } },
    ]);
    assert.deepEqual(updated.map((r) => [r.success, r.id, r.created]), [[true, first[0].id, false], [true, first[2].id, false], [true, first[0].id, false]]);
    const byId = await writeComposite(client, [{ referenceId: 'c', object: 'Contact', operation: 'upsert', externalIdField: 'Id', record: { Id: first[1].id, Title: 'CTO' } }]);
    assert.deepEqual(byId.map((r) => [r.success, r.id, r.created]), [[true, first[1].id, false]], 'upsert on Id');
    assert.equal(byItem('Contact', '1800000101')[0].Title, 'CTO');
    assert.equal(byItem('Account', '1800000101')[0].Phone, '+49 30 1234567');
  });

  it('one refused subrequest rolls everything back: its own error code, PROCESSING_HALTED for the others', async () => {
    const graph = qualification('1800000102', 'Won'); // not a stage of the restricted picklist
    const results = await writeComposite(client, graph);
    assert.ok(results.every((r) => !r.success));
    assert.deepEqual(results.map((r) => [r.referenceId, r.httpStatusCode, r.errors[0].statusCode]), [
      ['account', 400, 'PROCESSING_HALTED'], ['contact', 400, 'PROCESSING_HALTED'], ['opportunity', 400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'],
    ]);
    assert.deepEqual(results[2].errors[0].fields, ['StageName']);
    for (const object of ['Account', 'Contact', 'Opportunity']) assert.equal(byItem(object, '1800000102').length, 0, `${object} rolled back`);
  });

  it('an invalid entry means nothing is sent; every entry is reported', async () => {
    twin.resetStats();
    const results = await writeComposite(client, [
      { referenceId: 'ok', object: 'Account', operation: 'create', record: { Name: 'Not sent' } },
      { referenceId: 'ok', object: 'Account', operation: 'create', record: { Name: 'Twice' } },
      { referenceId: 'up', object: 'Lead', operation: 'upsert', record: { LastName: 'x' } },
      { referenceId: 'upd', object: 'Lead', operation: 'update', record: { LastName: 'x' } },
      { referenceId: 'del', object: 'Lead', operation: 'delete', record: {} },
      'not an entry',
    ], { defaultExternalIdField: 'Monday_Item_Id__c' });
    assert.deepEqual(results.map((r) => [r.index, r.success, r.errors[0].statusCode]), [
      [0, false, 'PROCESSING_HALTED'], [1, false, 'INVALID_INPUT'], [2, false, 'MISSING_ARGUMENT'], [3, false, 'MISSING_ARGUMENT'], [4, false, 'INVALID_INPUT'], [5, false, 'INVALID_INPUT'],
    ]);
    assert.match(results[2].errors[0].message, /Monday_Item_Id__c has no value/);
    assert.equal(twin.stats().requests.composite, 0);
  });

  it('a locked row is retried (the graph was rolled back); a lost answer is retried only when nothing is created', async () => {
    twin.setFaults({ script: [{ kind: 'lock', family: 'composite' }] });
    twin.resetStats();
    const locked = await writeComposite(client, qualification('1800000103'));
    assert.ok(locked.every((r) => r.success));
    assert.equal(twin.stats().requests.composite, 2);
    assert.equal(byItem('Account', '1800000103').length, 1);

    twin.setFaults({ script: [{ kind: 'drop', family: 'composite' }] });
    twin.resetStats();
    const upserts = await writeComposite(client, qualification('1800000104'));
    assert.ok(upserts.every((r) => r.success), 'upserts are idempotent: sent again');
    assert.equal(twin.stats().requests.composite, 2);

    twin.setFaults({ script: [{ kind: 'drop', family: 'composite' }] });
    twin.resetStats();
    const creates = await writeComposite(client, [{ referenceId: 'acc', object: 'Account', operation: 'create', record: { Name: 'Maybe saved' } }]);
    assert.equal(creates[0].success, false);
    assert.equal(creates[0].errors[0].statusCode, 'SF_UNREACHABLE');
    assert.equal(twin.stats().requests.composite, 1, 'a create whose answer was lost is not sent again');
  });
});
