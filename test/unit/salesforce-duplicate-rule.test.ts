import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SalesforceClient, writeRecords } from '../../src/connectors/salesforce';
import { startSalesforceTwin } from '../../src/sandbox/salesforce';
import type { SalesforceTwinHandle } from '../../src/sandbox/salesforce';

describe('salesforce connector: duplicate rule header', () => {
  let twin: SalesforceTwinHandle;
  let client: SalesforceClient;
  before(async () => {
    twin = await startSalesforceTwin({ duplicateRules: { Lead: ['Email'] } });
    const i = twin.info;
    client = new SalesforceClient({ auth: { method: 'password', loginUrl: i.loginUrl, username: i.username, password: i.password, securityToken: i.securityToken, clientId: i.clientId, clientSecret: i.clientSecret }, retryBaseMs: 5 });
  });
  after(async () => {
    await client.close();
    await twin.stop();
  });

  it('a flagged duplicate fails per record with DUPLICATES_DETECTED, and is saved with allowDuplicates', async () => {
    const lead = { LastName: 'Twice', Company: 'Dup Inc', Email: 'twice.dup@example.com' };
    const [first] = await writeRecords(client, [lead], { object: 'Lead', operation: 'create' });
    assert.equal(first.success, true);

    const [refused] = await writeRecords(client, [lead], { object: 'Lead', operation: 'create' });
    assert.equal(refused.success, false);
    assert.equal(refused.errors?.[0]?.statusCode, 'DUPLICATES_DETECTED');

    const [saved] = await writeRecords(client, [lead], { object: 'Lead', operation: 'create', allowDuplicates: true });
    assert.equal(saved.success, true, JSON.stringify(saved));
    assert.equal(twin.records('Lead').filter((r) => r.Email === lead.Email).length, 2);
  });
});
