import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oauthConnection, raw, startTwin, twinSuite } from '../helpers/sf-twin';

async function collect(stream: NodeJS.EventEmitter): Promise<any[]> {
  const out: any[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('record', (r: any) => out.push(r));
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  return out;
}

describe('salesforce twin: Bulk API 2.0', () => {
  const env = twinSuite({ bulkProcessingMs: 30, bulkPageSize: 1000 }, ({ conn }) => {
    conn.bulk2.pollInterval = 20;
  });

  async function waitComplete(path: string): Promise<any> {
    for (const deadline = Date.now() + 5000; Date.now() < deadline; ) {
      const info = (await (await raw(env.twin, env.conn, path)).json()) as any;
      if (!['Open', 'UploadComplete', 'InProgress'].includes(info.state)) return info;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`job at ${path} did not finish`);
  }

  it('ingests inserts with jsforce: successful and failed results files', async () => {
    const input = [
      // jsforce takes the CSV columns from the first record only; null goes over the wire as #N/A.
      { LastName: 'Bulk 1', Company: 'B', Email: 'b1@example.org', Description: null },
      { LastName: 'Bulk 2', Company: 'B', Description: 'multi\nline, with "quotes"' },
      { LastName: 'No company' },
    ];
    const res = await env.conn.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'insert', input });
    assert.equal(res.successfulResults.length, 2);
    assert.equal(res.successfulResults[0].sf__Created, 'true');
    assert.match(res.successfulResults[0].sf__Id, /^00Q/);
    assert.equal(res.failedResults.length, 1);
    assert.match(res.failedResults[0].sf__Error, /^REQUIRED_FIELD_MISSING:Required fields are missing: \[Company\]/);
    assert.equal(res.unprocessedRecords.length, 0);
    const stored = env.twin.records('Lead').find((r) => r.LastName === 'Bulk 2')!;
    assert.equal(stored.Description, 'multi\nline, with "quotes"');
    assert.equal(env.twin.records('Lead').find((r) => r.LastName === 'Bulk 1')!.Description, null);
  });

  it('upserts by external id and deletes', async () => {
    const first = await env.conn.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'upsert', externalIdFieldName: 'Monday_Item_Id__c', input: [{ Monday_Item_Id__c: 'b-1', LastName: 'Up', Company: 'C' }] });
    assert.equal(first.successfulResults[0].sf__Created, 'true');
    const second = await env.conn.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'upsert', externalIdFieldName: 'Monday_Item_Id__c', input: [{ Monday_Item_Id__c: 'b-1', Title: 'CTO' }] });
    assert.equal(second.successfulResults[0].sf__Created, 'false');
    const id = second.successfulResults[0].sf__Id;
    assert.equal(env.twin.records('Lead').find((r) => r.Id === id)!.Title, 'CTO');
    const del = await env.conn.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'delete', input: [{ Id: id }] });
    assert.equal(del.successfulResults.length, 1);
    assert.equal(env.twin.records('Lead').find((r) => r.Id === id)!.IsDeleted, true);
  });

  it('moves through job states and fails a job whose CSV names an unknown field', async () => {
    const created = await env.conn.request<any>({ method: 'POST', url: `/services/data/v62.0/jobs/ingest`, body: JSON.stringify({ object: 'Lead', operation: 'insert', contentType: 'CSV', lineEnding: 'LF', columnDelimiter: 'COMMA' }), headers: { 'Content-Type': 'application/json' } });
    assert.equal(created.state, 'Open');
    assert.equal(created.contentUrl, `services/data/v62.0/jobs/ingest/${created.id}/batches`);
    const put = await raw(env.twin, env.conn, `/jobs/ingest/${created.id}/batches`, { method: 'PUT', headers: { 'Content-Type': 'text/csv' }, body: 'LastName,Bogus__c\nX,1\n' });
    assert.equal(put.status, 201);
    const closed = await raw(env.twin, env.conn, `/jobs/ingest/${created.id}`, { method: 'PATCH', body: JSON.stringify({ state: 'UploadComplete' }) });
    assert.equal(((await closed.json()) as any).state, 'UploadComplete');
    const info = await waitComplete(`/jobs/ingest/${created.id}`);
    assert.equal(info.state, 'Failed');
    assert.match(info.errorMessage, /Field name not found : Bogus__c/);
    const unprocessed = await raw(env.twin, env.conn, `/jobs/ingest/${created.id}/unprocessedrecords`);
    assert.equal(await unprocessed.text(), 'LastName,Bogus__c\nX,1\n');
  });

  it('query jobs page CSV with Sforce-Locator, ending with the literal "null"; jsforce reads every page', async () => {
    env.twin.insert('Contact', Array.from({ length: 2500 }, (_, i) => ({ LastName: `C${i}`, Email: `c${i}@example.org` })));
    const records = await collect(await env.conn.bulk2.query('SELECT Id, LastName, Email FROM Contact', { pollInterval: 20 }));
    // Every results page starts with its own header row, as Salesforce's do. jsforce 3.10.16 feeds all pages
    // into one CSV parser, so pages 2 and 3 contribute a record made of the header names: a client-side quirk
    // the connector must avoid (read pages itself), reproduced here rather than hidden.
    const real = records.filter((r) => r.Id !== 'Id');
    assert.equal(records.length - real.length, 2, 'one echoed header per extra page');
    assert.equal(real.length, 2500);
    assert.equal(new Set(real.map((r) => r.Id)).size, 2500);

    const job = await env.conn.request<any>({ method: 'POST', url: '/services/data/v62.0/jobs/query', body: JSON.stringify({ operation: 'query', query: 'SELECT Id, LastName FROM Contact' }), headers: { 'Content-Type': 'application/json' } });
    await waitComplete(`/jobs/query/${job.id}`);
    const p1 = await raw(env.twin, env.conn, `/jobs/query/${job.id}/results?maxRecords=2000`);
    assert.equal(p1.headers.get('sforce-numberofrecords'), '2000');
    const locator = p1.headers.get('sforce-locator')!;
    assert.notEqual(locator, 'null');
    assert.match((await p1.text()).split('\n')[0], /^"Id","LastName"$/);
    const p2 = await raw(env.twin, env.conn, `/jobs/query/${job.id}/results?maxRecords=2000&locator=${locator}`);
    assert.equal(p2.headers.get('sforce-numberofrecords'), '500');
    assert.equal(p2.headers.get('sforce-locator'), 'null');
    assert.match((await p2.text()).split('\n')[0], /^"Id","LastName"$/, 'every page has the header row');
  });

  it('results of a query job that is not complete are 412 JOB_NOT_COMPLETE', async () => {
    const slow = await startTwin({ bulkProcessingMs: 5000 });
    try {
      const c = await oauthConnection(slow);
      const job = await c.request<any>({ method: 'POST', url: '/services/data/v62.0/jobs/query', body: JSON.stringify({ operation: 'query', query: 'SELECT Id FROM User' }), headers: { 'Content-Type': 'application/json' } });
      const res = await raw(slow, c, `/jobs/query/${job.id}/results`);
      assert.equal(res.status, 412);
      assert.equal(((await res.json()) as any)[0].errorCode, 'JOB_NOT_COMPLETE');
    } finally {
      await slow.stop();
    }
  });

  it('refuses COUNT() and OFFSET in query jobs and upsert uploads without the external id column', async () => {
    for (const query of ['SELECT COUNT() FROM Lead', "SELECT Id FROM Lead WHERE LastName = 'count()' OFFSET 5"]) {
      const res = await raw(env.twin, env.conn, '/jobs/query', { method: 'POST', body: JSON.stringify({ operation: 'query', query }) });
      assert.equal(res.status, 400, query);
    }
    const ok = await raw(env.twin, env.conn, '/jobs/query', { method: 'POST', body: JSON.stringify({ operation: 'query', query: "SELECT Id FROM Lead WHERE LastName = 'count()'" }) });
    assert.equal(ok.status, 200);
    await assert.rejects(
      env.conn.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'upsert', externalIdFieldName: 'Monday_Item_Id__c', input: [{ LastName: 'No ext', Company: 'C' }] }),
      /Field name not found : Monday_Item_Id__c/,
    );
  });

  it('query job CSV flattens parent relationship fields', async () => {
    const [acct] = env.twin.insert('Account', [{ Name: 'Bulk Parent' }]);
    env.twin.insert('Contact', [{ LastName: 'Child', AccountId: acct }]);
    const rows = await collect(await env.conn.bulk2.query("SELECT LastName, Account.Name FROM Contact WHERE LastName = 'Child'", { pollInterval: 20 }));
    assert.deepEqual(rows, [{ LastName: 'Child', 'Account.Name': 'Bulk Parent' }]);
  });
});
