import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { MemoryCursorStore, SalesforceClient, bindSoql, deltaPages, queryPages, retrievePages, soql, writeRecords } from '../../src/connectors/salesforce';
import type { DeltaCursor } from '../../src/connectors/salesforce';
import { startSalesforceTwin } from '../../src/sandbox/salesforce';
import type { SalesforceTwinHandle } from '../../src/sandbox/salesforce';

describe('salesforce connector: queries, delta reads and writes against the twin', () => {
  let twin: SalesforceTwinHandle;
  let client: SalesforceClient;
  before(async () => {
    twin = await startSalesforceTwin();
    const i = twin.info;
    client = new SalesforceClient({ auth: { method: 'password', loginUrl: i.loginUrl, username: i.username, password: i.password, securityToken: i.securityToken, clientId: i.clientId, clientSecret: i.clientSecret }, retryBaseMs: 5 });
  });
  beforeEach(() => twin.reset());
  after(async () => {
    await client.close();
    await twin.stop();
  });

  it('a 4,500-record query arrives in 3 pages without duplicates or attributes', async () => {
    twin.insert('Lead', Array.from({ length: 4500 }, (_, n) => ({ LastName: `L${n}`, Company: 'Acme' })));
    twin.resetStats();
    const seen = new Set<string>();
    const sizes: number[] = [];
    for await (const page of queryPages(client, 'SELECT Id, LastName FROM Lead')) {
      sizes.push(page.records.length);
      assert.equal(page.totalSize, 4500);
      for (const r of page.records) {
        assert.equal('attributes' in r, false);
        seen.add(r.Id as string);
      }
    }
    assert.deepEqual(sizes, [2000, 2000, 500]);
    assert.equal(seen.size, 4500);
    assert.equal(twin.stats().requests.query, 3);
  });

  it('bind values cannot change the query: quotes, backslashes, LIKE wildcards', async () => {
    twin.insert('Lead', [
      { LastName: "O'Brien", Company: 'A' },
      { LastName: 'Back\\slash', Company: 'B' },
      { LastName: 'Other', Company: 'C' },
      { LastName: '100%_sure', Company: 'D' },
      { LastName: '100 percent sure', Company: 'E' },
    ]);
    const names = async (q: string) => {
      const out: string[] = [];
      for await (const p of queryPages(client, q)) out.push(...p.records.map((r) => r.LastName as string));
      return out.sort();
    };
    assert.deepEqual(await names(bindSoql('SELECT LastName FROM Lead WHERE LastName = :n', { n: "' OR Name != '" })), []);
    assert.deepEqual(await names(bindSoql('SELECT LastName FROM Lead WHERE LastName = :n', { n: "O'Brien" })), ["O'Brien"]);
    assert.deepEqual(await names(soql`SELECT LastName FROM Lead WHERE LastName = ${'Back\\slash'}`), ['Back\\slash']);
    assert.deepEqual(await names(soql`SELECT LastName FROM Lead WHERE LastName = ${"\\' OR LastName != \\'"}`), []);
    assert.deepEqual(await names(bindSoql('SELECT LastName FROM Lead WHERE LastName LIKE :p', { p: { $like: '100%_', match: 'startsWith' } })), ['100%_sure']);
    assert.deepEqual(await names(bindSoql('SELECT LastName FROM Lead WHERE Company IN :c AND LastName != :x', { c: ['A', 'C'], x: null })), ["O'Brien", 'Other']);
    assert.throws(() => bindSoql('SELECT Id FROM Lead WHERE Company IN :c', { c: [] }), { code: 'SF_BAD_BIND' });
    assert.throws(() => bindSoql('SELECT Id FROM Lead WHERE Company = :c', {}), { code: 'SF_BAD_BIND' });
    assert.throws(() => bindSoql('SELECT Id FROM Lead WHERE Company = :c', { c: { a: 1 } }), { code: 'SF_BAD_BIND' });
  });

  it('delta reads across records sharing one SystemModstamp at page edges, resumed from a stored cursor', async () => {
    twin.setClock(Date.parse('2026-01-01T00:00:00Z'));
    twin.insert('Lead', Array.from({ length: 500 }, (_, n) => ({ LastName: `T${n}`, Company: 'Tie' })));
    twin.setClock(Date.parse('2026-01-01T00:00:01Z'));
    twin.insert('Lead', Array.from({ length: 300 }, (_, n) => ({ LastName: `U${n}`, Company: 'Tie' })));
    twin.setClock(null);
    const store = new MemoryCursorStore();
    const seen: string[] = [];
    // First run stops after one page (a restart), the second resumes from the stored cursor.
    for await (const page of deltaPages(client, { object: 'Lead', fields: ['LastName'], pageSize: 200 })) {
      seen.push(...page.records.map((r) => r.Id as string));
      await store.set('n1', 'Lead', page.cursor);
      break;
    }
    const cursor = (await store.get('n1', 'Lead')) as DeltaCursor;
    for await (const page of deltaPages(client, { object: 'Lead', fields: ['LastName'], pageSize: 200, cursor })) {
      seen.push(...page.records.map((r) => r.Id as string));
      await store.set('n1', 'Lead', page.cursor);
    }
    assert.equal(seen.length, 800);
    assert.equal(new Set(seen).size, 800);
    // Nothing new: an empty read keeps the cursor.
    const again: unknown[] = [];
    for await (const page of deltaPages(client, { object: 'Lead', fields: ['LastName'], cursor: (await store.get('n1', 'Lead')) as DeltaCursor })) again.push(...page.records);
    assert.deepEqual(again, []);
  });

  it('1,000 upserts take 5 Collections calls; a second run updates instead of creating', async () => {
    const recs = Array.from({ length: 1000 }, (_, n) => ({ Monday_Item_Id__c: `m-${n}`, LastName: `U${n}`, Company: 'Up' }));
    twin.resetStats();
    const first = await writeRecords(client, recs, { object: 'Lead', operation: 'upsert', externalIdField: 'Monday_Item_Id__c' });
    assert.equal(twin.stats().requests.collections, 5);
    assert.equal(first.filter((r) => r.success && r.created).length, 1000);
    const second = await writeRecords(client, recs, { object: 'Lead', operation: 'upsert', externalIdField: 'Monday_Item_Id__c' });
    assert.equal(second.filter((r) => r.success && r.created === false).length, 1000);
    assert.equal(twin.records('Lead').filter((r) => r.Company === 'Up').length, 1000);
  });

  it('above the bulk threshold writes go through one Bulk 2.0 job, results matched back to every input record', async () => {
    const recs = Array.from({ length: 2500 }, (_, n) => ({ LastName: `B${n}`, Company: 'Bulk' as string | null }));
    recs[7] = { LastName: null as never, Company: 'Bulk' };
    recs[9] = { ...recs[8] };
    twin.resetStats();
    const res = await writeRecords(client, recs, { object: 'Lead', operation: 'create', bulkThreshold: 2000 });
    assert.equal(twin.stats().requests.collections, 0);
    assert.ok(twin.stats().requests.bulk > 0);
    assert.equal(res.length, 2500);
    assert.deepEqual(res.map((r) => r.index), recs.map((_, i) => i));
    assert.equal(res.filter((r) => r.success).length, 2499);
    assert.equal(res[7].errors[0].statusCode, 'REQUIRED_FIELD_MISSING');
    assert.deepEqual(res[7].errors[0].fields, ['LastName']);
    assert.equal(new Set(res.filter((r) => r.success).map((r) => r.id)).size, 2499);
    assert.equal(twin.records('Lead').filter((r) => r.Company === 'Bulk').length, 2499);
    // Records with different fields cannot share a CSV header: they go through Collections instead.
    twin.resetStats();
    const mixed = await writeRecords(client, [...Array.from({ length: 3 }, (_, n) => ({ LastName: `M${n}`, Company: 'Mixed' })), { LastName: 'M', Company: 'Mixed', Email: 'm@example.com' }], { object: 'Lead', operation: 'create', bulkThreshold: 2 });
    assert.ok(mixed.every((r) => r.success));
    assert.equal(twin.stats().requests.bulk, 0);
  });

  it('a call without an answer in time is retried (reads), and not sent again for creates', async () => {
    const i = twin.info;
    const quick = new SalesforceClient({ auth: { method: 'password', loginUrl: i.loginUrl, username: i.username, password: i.password, securityToken: i.securityToken }, timeoutMs: 150, retryBaseMs: 5 });
    twin.setFaults({ script: [{ kind: 'latency', ms: 400, family: 'query' }] });
    twin.resetStats();
    for await (const p of queryPages(quick, 'SELECT Id FROM User')) assert.equal(p.records.length, 1);
    assert.equal(twin.stats().requests.query, 2);
    twin.setFaults({ script: [{ kind: 'latency', ms: 400, family: 'collections' }] });
    const res = await writeRecords(quick, [{ LastName: 'Slow', Company: 'S' }], { object: 'Lead', operation: 'create' });
    assert.equal(res[0].success, false);
    assert.match(res[0].errors[0].message, /No answer from Salesforce within 150 ms/);
    await new Promise((r) => setTimeout(r, 400));
    await quick.close();
  });

  it('10% injected faults (errors, locks, dropped connections): nothing lost or duplicated', async () => {
    twin.setFaults({ seed: 7, errorRate: 0.1, lockRate: 0.1, dropRate: 0.05 });
    const recs = Array.from({ length: 1000 }, (_, n) => ({ Monday_Item_Id__c: `f-${n}`, LastName: `F${n}`, Company: 'Fault' }));
    const results = await writeRecords(client, recs, { object: 'Lead', operation: 'upsert', externalIdField: 'Monday_Item_Id__c' });
    assert.equal(results.length, 1000);
    assert.ok(results.every((r) => r.success), JSON.stringify(results.find((r) => !r.success)));
    twin.setFaults({});
    const stored = twin.records('Lead').filter((r) => r.Company === 'Fault');
    assert.equal(stored.length, 1000);
    assert.equal(new Set(stored.map((r) => r.Monday_Item_Id__c)).size, 1000);
    assert.ok(Object.values(twin.stats().faults).reduce((a, b) => a + b, 0) > 0, 'faults were injected');
  });

  it('per-record failures carry statusCode, message and fields; allOrNone rolls back; bad input fails locally', async () => {
    const res = await writeRecords(client, [{ LastName: 'Ok', Company: 'X' }, { Company: 'no last name' }, 'not a record', { LastName: 'T', Company: 'X', Bogus__c: 1 }], { object: 'Lead', operation: 'create' });
    assert.equal(res[0].success, true);
    assert.equal(res[1].errors[0].statusCode, 'REQUIRED_FIELD_MISSING');
    assert.deepEqual(res[1].errors[0].fields, ['LastName']);
    assert.equal(res[2].errors[0].statusCode, 'INVALID_INPUT');
    assert.equal(res[3].success, false);
    const aon = await writeRecords(client, [{ LastName: 'A', Company: 'X' }, { Company: 'missing' }], { object: 'Lead', operation: 'create', allOrNone: true });
    assert.equal(aon[0].errors[0].statusCode, 'ALL_OR_NONE_OPERATION_ROLLED_BACK');
    assert.equal(twin.records('Lead').filter((r) => r.LastName === 'A').length, 0);
    const unknown = await writeRecords(client, [{ Name: 'x' }], { object: 'Nope__c', operation: 'create' });
    assert.equal(unknown[0].success, false);
    assert.match(unknown[0].errors[0].statusCode, /INVALID_TYPE|NOT_FOUND/);
    assert.match(unknown[0].errors[0].message, /Nope__c/);
    await assert.rejects(writeRecords(client, [], { object: 'Lead; DROP', operation: 'create' }), { code: 'SF_BAD_NAME' });
    assert.deepEqual(await writeRecords(client, [], { object: 'Lead', operation: 'create' }), []);
    const del = await writeRecords(client, [res[0].id, 'bad id'], { object: 'Lead', operation: 'delete' });
    assert.equal(del[0].success, true);
    assert.equal(del[1].errors[0].statusCode, 'INVALID_INPUT');
  });

  it('get by ids and query errors map to SF_* codes', async () => {
    const ids = twin.insert('Lead', [{ LastName: 'G1', Company: 'G' }, { LastName: 'G2', Company: 'G' }]);
    const got: Array<Record<string, unknown>> = [];
    for await (const p of retrievePages(client, 'Lead', [...ids, '00Q000000000000AAA'], ['LastName'])) got.push(...p.records);
    assert.deepEqual(got.map((r) => r.LastName), ['G1', 'G2']);
    const first = async (q: string) => {
      for await (const p of queryPages(client, q)) return p;
    };
    await assert.rejects(first('SELECT Nope__c FROM Lead'), { code: 'SF_INVALID_FIELD' });
    await assert.rejects(first('SELECT Id FROM Nope__c'), { code: 'SF_INVALID_TYPE' });
    await assert.rejects(first('SELEKT Id FROM Lead'), { code: 'SF_MALFORMED_QUERY' });
  });
});
