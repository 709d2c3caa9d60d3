import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { twinSuite } from '../helpers/sf-twin';

describe('salesforce twin: describe', () => {
  const env = twinSuite();

  it('describeGlobal lists the objects with their capabilities', async () => {
    const global = await env.conn.describeGlobal();
    assert.equal(global.encoding, 'UTF-8');
    assert.equal(global.maxBatchSize, 200);
    const lead = global.sobjects.find((s) => s.name === 'Lead')!;
    assert.equal(lead.keyPrefix, '00Q');
    assert.equal(lead.labelPlural, 'Leads');
    assert.equal(lead.createable, true);
    assert.deepEqual(global.sobjects.map((s) => s.name).sort(), ['Account', 'Contact', 'Lead', 'Opportunity', 'User']);
  });

  it('describe gives field metadata, including the Monday_Item_Id__c external id and picklists', async () => {
    const d = await env.conn.sobject('Lead').describe();
    const byName = new Map(d.fields.map((f) => [f.name, f]));
    const ext = byName.get('Monday_Item_Id__c')!;
    assert.equal(ext.externalId, true);
    assert.equal(ext.idLookup, true);
    assert.equal(ext.unique, true);
    assert.equal(ext.custom, true);
    assert.equal(ext.type, 'string');
    assert.equal(ext.length, 32);
    const status = byName.get('Status')!;
    assert.equal(status.type, 'picklist');
    assert.equal(status.restrictedPicklist, true);
    assert.deepEqual(status.picklistValues?.[0], { active: true, defaultValue: true, label: 'Open - Not Contacted', validFor: null, value: 'Open - Not Contacted' });
    const owner = byName.get('OwnerId')!;
    assert.deepEqual([owner.type, owner.referenceTo, owner.relationshipName], ['reference', ['User'], 'Owner']);
    assert.equal(byName.get('LastName')!.nillable, false);
    assert.equal(byName.get('Email')!.type, 'email');
    assert.equal(byName.get('SystemModstamp')!.type, 'datetime');
    assert.equal(byName.get('Name')!.createable, false);
    const acct = await env.conn.sobject('Account').describe();
    assert.ok(acct.childRelationships.some((r) => r.childSObject === 'Contact' && r.field === 'AccountId'));
  });

  it('describe of an unknown object is NOT_FOUND', async () => {
    await assert.rejects(async () => env.conn.sobject('Nope__c').describe(), (e: any) => e.errorCode === 'NOT_FOUND');
  });
});
