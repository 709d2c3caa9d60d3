import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { raw, twinSuite } from '../helpers/sf-twin';

describe('salesforce twin: sObject records', () => {
  const env = twinSuite({ duplicateRules: { Contact: ['Email'] } });

  it('creates (201 {id, success, errors}), retrieves, updates (204) and deletes (204) a record', async () => {
    const res = await raw(env.twin, env.conn, '/sobjects/Lead', { method: 'POST', body: JSON.stringify({ LastName: 'Hopper', Company: 'Navy', Email: 'grace@navy.example' }) });
    assert.equal(res.status, 201);
    const created = (await res.json()) as { id: string; success: boolean; errors: unknown[] };
    assert.deepEqual(Object.keys(created), ['id', 'success', 'errors']);
    assert.match(created.id, /^00Q[0-9A-Za-z]{15}$/);
    const lead = await env.conn.sobject('Lead').retrieve(created.id);
    assert.equal(lead.Status, 'Open - Not Contacted', 'restricted picklist default applied');
    assert.equal(lead.OwnerId, env.twin.info.userId, 'owner defaults to the running user');
    assert.equal(lead.Name, 'Hopper');
    assert.equal(lead.CreatedDate, lead.SystemModstamp);
    const partial = await raw(env.twin, env.conn, `/sobjects/Lead/${created.id}?fields=LastName,Company`);
    assert.deepEqual(Object.keys((await partial.json()) as object), ['attributes', 'LastName', 'Company']);

    await new Promise((r) => setTimeout(r, 5));
    const upd = await raw(env.twin, env.conn, `/sobjects/Lead/${created.id}`, { method: 'PATCH', body: JSON.stringify({ FirstName: 'Grace' }) });
    assert.equal(upd.status, 204);
    const after = await env.conn.sobject('Lead').retrieve(created.id);
    assert.equal(after.Name, 'Grace Hopper');
    assert.ok(Date.parse(after.LastModifiedDate.replace('+0000', 'Z')) > Date.parse(lead.LastModifiedDate.replace('+0000', 'Z')), 'LastModifiedDate moves');
    assert.equal(after.SystemModstamp, after.LastModifiedDate);

    const del = await raw(env.twin, env.conn, `/sobjects/Lead/${created.id}`, { method: 'DELETE' });
    assert.equal(del.status, 204);
    const again = await raw(env.twin, env.conn, `/sobjects/Lead/${created.id}`, { method: 'DELETE' });
    assert.equal(again.status, 404);
    assert.equal(((await again.json()) as any)[0].errorCode, 'ENTITY_IS_DELETED');
    await assert.rejects(env.conn.sobject('Lead').retrieve(created.id), (e: any) => e.errorCode === 'ENTITY_IS_DELETED');
  });

  it('validates required fields, lengths, types, e-mails, restricted picklists and read-only fields', async () => {
    const create = async (type: string, body: object) => {
      const res = await raw(env.twin, env.conn, `/sobjects/${type}`, { method: 'POST', body: JSON.stringify(body) });
      assert.equal(res.status, 400);
      return ((await res.json()) as any[])[0];
    };
    assert.deepEqual(await create('Lead', { FirstName: 'x' }), { message: 'Required fields are missing: [LastName, Company]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName', 'Company'] });
    assert.equal((await create('Lead', { LastName: 'x'.repeat(81), Company: 'c' })).errorCode, 'STRING_TOO_LONG');
    assert.equal((await create('Lead', { LastName: 'x', Company: 'c', NumberOfEmployees: 'many' })).errorCode, 'JSON_PARSER_ERROR');
    assert.equal((await create('Lead', { LastName: 'x', Company: 'c', Email: 'not-an-email' })).errorCode, 'INVALID_EMAIL_ADDRESS');
    const pick = await create('Lead', { LastName: 'x', Company: 'c', Status: 'Maybe' });
    assert.deepEqual(pick, { message: 'Status: bad value for restricted picklist field: Maybe', errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['Status'] });
    assert.equal((await create('Lead', { LastName: 'x', Company: 'c', Name: 'set' })).errorCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    assert.equal((await create('Lead', { LastName: 'x', Company: 'c', Foo__c: 1 })).errorCode, 'INVALID_FIELD');
    assert.equal((await create('Contact', { LastName: 'x', AccountId: 'garbage' })).errorCode, 'MALFORMED_ID');
    await assert.rejects(env.conn.sobject('Lead').create({ FirstName: 'only' }), (e: any) => e.errorCode === 'REQUIRED_FIELD_MISSING');
  });

  it('upserts by external id: 201 created:true, 200 created:false, 300 for several matches, 404 for a non-external field', async () => {
    const patch = (field: string, value: string, body: object) => raw(env.twin, env.conn, `/sobjects/Lead/${field}/${encodeURIComponent(value)}`, { method: 'PATCH', body: JSON.stringify(body) });
    const first = await patch('Monday_Item_Id__c', '1001', { LastName: 'Upsert', Company: 'Co' });
    assert.equal(first.status, 201);
    const body1 = (await first.json()) as any;
    assert.deepEqual(body1, { id: body1.id, success: true, errors: [], created: true });
    const second = await patch('Monday_Item_Id__c', '1001', { Company: 'New Co' });
    assert.equal(second.status, 200);
    assert.deepEqual(await second.json(), { id: body1.id, success: true, errors: [], created: false });
    assert.equal(((await env.conn.sobject('Lead').retrieve(body1.id)) as any).Company, 'New Co');
    const r = await env.conn.sobject('Lead').upsert({ Monday_Item_Id__c: '1002', LastName: 'Via jsforce', Company: 'Co' }, 'Monday_Item_Id__c');
    assert.equal((r as any).created, true);
    assert.equal((await patch('Email', 'x@y.z', { LastName: 'n' })).status, 404);
    // Duplicate external ids can exist in orgs where the field is not unique; the env.twin's field is unique, so insert directly.
    env.twin.insert('Lead', [{ LastName: 'Dup A', Company: 'C', Monday_Item_Id__c: '2000' }]);
    env.twin.store.table(env.twin.store.object('Lead')!).forEach((rec) => {
      if (rec.LastName === 'Via jsforce') rec.Monday_Item_Id__c = '2000';
    });
    const several = await patch('Monday_Item_Id__c', '2000', { Company: 'X' });
    assert.equal(several.status, 300);
    const urls = (await several.json()) as string[];
    assert.equal(urls.length, 2);
    assert.ok(urls.every((u) => u.startsWith('/services/data/v62.0/sobjects/Lead/00Q')));
    await assert.rejects(env.conn.sobject('Lead').upsert({ Monday_Item_Id__c: '2000', Company: 'X' }, 'Monday_Item_Id__c'), (e: any) => e.errorCode === 'MULTIPLE_CHOICES');
    assert.equal((await raw(env.twin, env.conn, '/sobjects/Lead/Monday_Item_Id__c/2000')).status, 300);
    const byExt = await raw(env.twin, env.conn, '/sobjects/Lead/Monday_Item_Id__c/1001');
    assert.equal(((await byExt.json()) as any).Id, body1.id);
    assert.equal((await raw(env.twin, env.conn, '/sobjects/Lead/Monday_Item_Id__c/nope')).status, 404);
    assert.equal((await raw(env.twin, env.conn, '/sobjects/Lead/Monday_Item_Id__c/1001', { method: 'DELETE' })).status, 204);
    assert.equal((await raw(env.twin, env.conn, '/sobjects/Lead/Monday_Item_Id__c/1001')).status, 404);
  });

  it('a unique external id refuses a second record with DUPLICATE_VALUE', async () => {
    await env.conn.sobject('Account').create({ Name: 'U1', Monday_Item_Id__c: 'u-1' });
    await assert.rejects(env.conn.sobject('Account').create({ Name: 'U2', Monday_Item_Id__c: 'U-1' }), (e: any) => e.errorCode === 'DUPLICATE_VALUE');
  });

  it('the duplicate rule answers DUPLICATES_DETECTED with a duplicateResult; allowSave header lets it through', async () => {
    const first = await env.conn.sobject('Contact').create({ LastName: 'Dupe', Email: 'same@example.org' });
    const res = await raw(env.twin, env.conn, '/sobjects/Contact', { method: 'POST', body: JSON.stringify({ LastName: 'Dupe 2', Email: 'SAME@example.org' }) });
    assert.equal(res.status, 400);
    const [err] = (await res.json()) as any[];
    assert.equal(err.errorCode, 'DUPLICATES_DETECTED');
    assert.equal(err.duplicateResult.allowSave, true);
    assert.equal(err.duplicateResult.matchResults[0].matchRecords[0].record.Id, (first as any).id);
    assert.equal(err.duplicateResult.matchResults[0].matchRecords[0].matchConfidence, 100);
    const ok = await raw(env.twin, env.conn, '/sobjects/Contact', { method: 'POST', headers: { 'Sforce-Duplicate-Rule-Header': 'allowSave=true' }, body: JSON.stringify({ LastName: 'Dupe 2', Email: 'same@example.org' }) });
    assert.equal(ok.status, 201);
  });

  it('a frozen clock gives equal LastModifiedDate / SystemModstamp with millisecond resolution', async () => {
    env.twin.setClock(Date.parse('2026-03-04T05:06:07.089Z'));
    try {
      const ids = (await env.conn.sobject('Account').create([{ Name: 'T1' }, { Name: 'T2' }])).map((r: any) => r.id);
      const rows = await env.conn.query<any>(`SELECT SystemModstamp, LastModifiedDate FROM Account WHERE Id IN ('${ids.join("','")}')`);
      assert.deepEqual(rows.records.map((r) => r.SystemModstamp), ['2026-03-04T05:06:07.089+0000', '2026-03-04T05:06:07.089+0000']);
    } finally {
      env.twin.setClock(null);
    }
  });

  it('getUpdated / getDeleted list ids changed or deleted in a minute-truncated window', async () => {
    const start = new Date(Date.now() - 60_000);
    const changed = (await env.conn.sobject('Account').create({ Name: 'Replicated' })) as any;
    const gone = (await env.conn.sobject('Account').create({ Name: 'Replicated and deleted' })) as any;
    await env.conn.sobject('Account').destroy(gone.id);
    const end = new Date(Date.now() + 120_000);
    const updated = await env.conn.sobject('Account').updated(start.toISOString(), end.toISOString());
    assert.ok(updated.ids.includes(changed.id));
    assert.ok(!updated.ids.includes(gone.id));
    assert.match(updated.latestDateCovered, /:00\.000\+0000$/);
    const deleted = await env.conn.sobject('Account').deleted(start.toISOString(), end.toISOString());
    assert.deepEqual(deleted.deletedRecords.map((r) => r.id), [gone.id]);
    await assert.rejects(env.conn.sobject('Account').updated(new Date(Date.now() - 40 * 86400000).toISOString(), end.toISOString()), (e: any) => e.errorCode === 'INVALID_REPLICATION_DATE');
  });

  it('conditional requests: 304 for an unchanged record, 412 for a write over a newer change', async () => {
    const [id] = env.twin.insert('Lead', [{ LastName: 'Cond', Company: 'C' }]);
    const future = new Date(Date.now() + 60_000).toUTCString();
    const past = new Date(Date.now() - 60_000).toUTCString();
    assert.equal((await raw(env.twin, env.conn, `/sobjects/Lead/${id}`, { headers: { 'If-Modified-Since': future } })).status, 304);
    assert.equal((await raw(env.twin, env.conn, `/sobjects/Lead/${id}`, { headers: { 'If-Modified-Since': past } })).status, 200);
    const stale = await raw(env.twin, env.conn, `/sobjects/Lead/${id}`, { method: 'PATCH', headers: { 'If-Unmodified-Since': past }, body: JSON.stringify({ Title: 'X' }) });
    assert.equal(stale.status, 412);
    assert.equal(((await stale.json()) as any)[0].errorCode, 'PRECONDITION_FAILED');
    assert.equal(env.twin.records('Lead').find((r) => r.Id === id)!.Title, null, 'the refused write changed nothing');
    const fresh = await raw(env.twin, env.conn, `/sobjects/Lead/${id}`, { method: 'PATCH', headers: { 'If-Unmodified-Since': future }, body: JSON.stringify({ Title: 'X' }) });
    assert.equal(fresh.status, 204);
  });

  it('unknown objects and ids are 404 NOT_FOUND; wrong methods are 405', async () => {
    const res = await raw(env.twin, env.conn, '/sobjects/Nope/001000000000000AAA');
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    assert.equal((await raw(env.twin, env.conn, '/sobjects/Lead/00Q000000000000AAA')).status, 404);
    assert.equal((await raw(env.twin, env.conn, '/sobjects/Lead/describe', { method: 'POST', body: '{}' })).status, 405);
    const bad = await raw(env.twin, env.conn, '/sobjects/Lead', { method: 'POST', body: '{not json' });
    assert.equal(((await bad.json()) as any)[0].errorCode, 'JSON_PARSER_ERROR');
  });
});
