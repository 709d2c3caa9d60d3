import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { raw, twinSuite } from '../helpers/sf-twin';

describe('salesforce twin: sObject Collections and Composite', () => {
  const env = twinSuite();

  const liveLeads = () => env.twin.records('Lead').filter((r) => !r.IsDeleted).length;

  it('creates, updates, upserts, retrieves and deletes many records with one call each', async () => {
    const before = env.twin.stats().requests.collections;
    const created = await env.conn.sobject('Lead').create([
      { LastName: 'A', Company: 'X' },
      { LastName: 'B', Company: 'X' },
    ]);
    assert.ok(created.every((r) => r.success));
    const ids = created.map((r) => (r as { id: string }).id);
    const updated = await env.conn.sobject('Lead').update(ids.map((Id) => ({ Id, Title: 'CEO' })));
    assert.deepEqual(updated.map((r) => r.success), [true, true]);
    const fetched = await env.conn.sobject('Lead').retrieve(ids, { fields: ['Title'] });
    assert.deepEqual(fetched.map((r: any) => r.Title), ['CEO', 'CEO']);
    const upserted = await env.conn.sobject('Lead').upsert([
      { Monday_Item_Id__c: 'm-1', LastName: 'C', Company: 'X' },
      { Monday_Item_Id__c: 'm-1', LastName: 'C2', Company: 'X' },
    ], 'Monday_Item_Id__c');
    assert.deepEqual(upserted.map((r: any) => r.created), [true, false]);
    const deleted = await env.conn.sobject('Lead').destroy(ids);
    assert.deepEqual(deleted.map((r) => r.success), [true, true]);
    assert.equal(env.twin.stats().requests.collections - before, 5);
  });

  it('reports per-record failures with statusCode (not errorCode) and keeps the valid records', async () => {
    const before = liveLeads();
    const res = await raw(env.twin, env.conn, '/composite/sobjects', {
      method: 'POST',
      body: JSON.stringify({ allOrNone: false, records: [{ attributes: { type: 'Lead' }, LastName: 'Ok', Company: 'X' }, { attributes: { type: 'Lead' }, LastName: 'Missing company' }] }),
    });
    assert.equal(res.status, 200);
    const [ok, bad] = (await res.json()) as any[];
    assert.equal(ok.success, true);
    assert.deepEqual(bad, { success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Company]', fields: ['Company'] }] });
    assert.equal(liveLeads(), before + 1);
  });

  it('allOrNone rolls everything back and marks the valid records ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
    const before = liveLeads();
    const results = await env.conn.sobject('Lead').create([{ LastName: 'A', Company: 'X' }, { LastName: 'B' }], { allOrNone: true });
    assert.equal(results[0].success, false);
    assert.equal((results[0] as any).errors[0].statusCode, 'ALL_OR_NONE_OPERATION_ROLLED_BACK');
    assert.equal((results[1] as any).errors[0].statusCode, 'REQUIRED_FIELD_MISSING');
    assert.equal(liveLeads(), before);
    const [keep] = env.twin.insert('Lead', [{ LastName: 'Keep', Company: 'X' }]);
    const del = await raw(env.twin, env.conn, `/composite/sobjects?ids=${keep},00Q000000000000AAA&allOrNone=true`, { method: 'DELETE' });
    const delResults = (await del.json()) as any[];
    assert.equal(delResults[0].errors[0].statusCode, 'ALL_OR_NONE_OPERATION_ROLLED_BACK');
    assert.equal(env.twin.records('Lead').find((r) => r.Id === keep)?.IsDeleted, false);
  });

  it('refuses more than 200 records in one call', async () => {
    const records = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Lead' }, LastName: `L${i}`, Company: 'X' }));
    const res = await raw(env.twin, env.conn, '/composite/sobjects', { method: 'POST', body: JSON.stringify({ records }) });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as any)[0].errorCode, 'EXCEEDED_ID_LIMIT');
  });

  it('composite runs subrequests in order with @{ref.id} references as one API call', async () => {
    const before = env.twin.stats().apiUsage.used;
    const res = await env.conn.requestPost<any>('/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'acct', body: { Name: 'Composite Inc' } },
        { method: 'POST', url: '/services/data/v62.0/sobjects/Contact', referenceId: 'ct', body: { LastName: 'Ref', AccountId: '@{acct.id}' } },
        { method: 'GET', url: '/services/data/v62.0/sobjects/Contact/@{ct.id}?fields=AccountId', referenceId: 'read' },
        { method: 'GET', url: "/services/data/v62.0/query?q=SELECT+Id+FROM+Account+WHERE+Name='Composite+Inc'", referenceId: 'q' },
      ],
    });
    const [acct, ct, read, q] = res.compositeResponse;
    assert.equal(acct.httpStatusCode, 201);
    assert.equal(ct.httpStatusCode, 201);
    assert.equal(read.body.AccountId, acct.body.id);
    assert.equal(q.body.records[0].Id, acct.body.id);
    assert.equal(env.twin.stats().apiUsage.used - before, 1);
  });

  it('composite allOrNone rolls back all subrequests when one fails', async () => {
    const accounts = env.twin.records('Account').length;
    const res = await env.conn.requestPost<any>('/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'a1', body: { Name: 'Rolled back' } },
        { method: 'POST', url: '/services/data/v62.0/sobjects/Contact', referenceId: 'c1', body: { FirstName: 'No last name', AccountId: '@{a1.id}' } },
      ],
    });
    assert.equal(res.compositeResponse[0].body[0].errorCode, 'PROCESSING_HALTED');
    assert.equal(res.compositeResponse[1].httpStatusCode, 400);
    assert.equal(res.compositeResponse[1].body[0].errorCode, 'REQUIRED_FIELD_MISSING');
    assert.equal(env.twin.records('Account').length, accounts);
  });

  it('composite without allOrNone keeps successes and halts subrequests that reference a failure', async () => {
    const res = await env.conn.requestPost<any>('/composite', {
      compositeRequest: [
        { method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'bad', body: {} },
        { method: 'POST', url: '/services/data/v62.0/sobjects/Contact', referenceId: 'dep', body: { LastName: 'X', AccountId: '@{bad.id}' } },
        { method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'good', body: { Name: 'Kept' } },
      ],
    });
    assert.deepEqual(res.compositeResponse.map((r: any) => r.httpStatusCode), [400, 400, 201]);
    assert.equal(res.compositeResponse[1].body[0].errorCode, 'PROCESSING_HALTED');
    const tooMany = await raw(env.twin, env.conn, '/composite', { method: 'POST', body: JSON.stringify({ compositeRequest: Array.from({ length: 26 }, (_, i) => ({ method: 'GET', url: '/services/data/v62.0/limits', referenceId: `r${i}` })) }) });
    assert.equal(tooMany.status, 400);
  });
});
