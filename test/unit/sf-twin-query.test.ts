import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oauthConnection, raw, startTwin, twinSuite } from '../helpers/sf-twin';

/** What a connector must do to a bind value before quoting it: backslashes first, then quotes. */
const lit = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

describe('salesforce twin: query', () => {
  let acme = '';
  const env = twinSuite({}, ({ twin }) => {
    [acme] = twin.insert('Account', [{ Name: 'Acme Corp', Industry: 'Retail' }, { Name: 'Globex' }]);
    twin.insert('Contact', [
      { FirstName: 'Ada', LastName: 'Lovelace', AccountId: acme, Email: 'ada@acme.example', Birthdate: '1990-12-10' },
      { FirstName: 'Alan', LastName: 'Turing', Email: 'alan@example.org', Birthdate: '1985-06-23' },
      { LastName: "O'Brien", AccountId: acme },
      { FirstName: 'Back', LastName: 'Sla\\sh' },
      { FirstName: 'Inject', LastName: "x' OR LastName != 'y" },
    ]);
  });

  const names = async (soql: string) => (await env.conn.query<{ LastName: string }>(soql)).records.map((r) => r.LastName);

  it('pages 4,500 records as 3 pages of ≤ 2,000 with no duplicates, following nextRecordsUrl', async () => {
    const big = await startTwin();
    try {
      big.insert('Lead', Array.from({ length: 4500 }, (_, i) => ({ LastName: `Lead ${i}`, Company: `Co ${i % 50}` })));
      const c = await oauthConnection(big);
      const before = big.stats().requests.query;
      const first = await c.query<{ Id: string }>('SELECT Id, LastName FROM Lead');
      assert.equal(first.totalSize, 4500);
      assert.equal(first.records.length, 2000);
      assert.equal(first.done, false);
      assert.match(first.nextRecordsUrl!, /\/services\/data\/v62\.0\/query\/01g[0-9A-Za-z]+-2000$/);
      const all = await c.query<{ Id: string }>('SELECT Id, LastName FROM Lead').run({ autoFetch: true, maxFetch: 10000 });
      assert.equal(all.records.length, 4500);
      assert.equal(new Set(all.records.map((r) => r.Id)).size, 4500);
      assert.equal(big.stats().requests.query - before, 1 + 3, 'one first page, then 3 pages for the full read');
      const res = await raw(big, c, `/query?q=${encodeURIComponent('SELECT Id FROM Lead')}`, { headers: { 'Sforce-Query-Options': 'batchSize=500' } });
      const page = (await res.json()) as { records: unknown[]; nextRecordsUrl: string };
      assert.equal(page.records.length, 500);
      assert.match(page.nextRecordsUrl, /^\/services\/data\/v62\.0\/query\/01g[0-9A-Za-z]+-500$/, 'the locator is the last path segment');
      assert.match(res.headers.get('sforce-limit-info') ?? '', /^api-usage=\d+\/15000$/);
    } finally {
      await big.stop();
    }
  });

  it('returns records with attributes, parent relationship objects and null parents', async () => {
    const res = await env.conn.query<any>("SELECT Id, LastName, Account.Name, Account.Owner.Name, CreatedDate FROM Contact WHERE LastName IN ('Lovelace', 'Turing') ORDER BY LastName");
    assert.equal(res.totalSize, 2);
    const [ada, alan] = res.records;
    assert.deepEqual(Object.keys(ada), ['attributes', 'Id', 'LastName', 'Account', 'CreatedDate']);
    assert.deepEqual(ada.attributes, { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${ada.Id}` });
    assert.equal(ada.Account.Name, 'Acme Corp');
    assert.deepEqual(ada.Account.attributes, { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${acme}` });
    assert.equal(ada.Account.Owner.Name, 'Dana Demo');
    assert.equal(alan.Account, null);
    assert.match(ada.CreatedDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    assert.match(ada.Id, /^003[0-9A-Za-z]{15}$/);
  });

  it('filters with AND/OR/NOT, comparison operators, LIKE, IN/NOT IN, null, dates and relationship fields', async () => {
    assert.deepEqual(await names("SELECT LastName FROM Contact WHERE (FirstName = 'ada' OR FirstName = 'Alan') AND NOT LastName = 'Turing'"), ['Lovelace']);
    assert.deepEqual(await names("SELECT LastName FROM Contact WHERE FirstName = null ORDER BY LastName"), ["O'Brien"]);
    assert.deepEqual(await names("SELECT LastName FROM Contact WHERE Account.Name = 'Acme Corp' AND FirstName != null"), ['Lovelace']);
    assert.deepEqual(await names("SELECT LastName FROM Contact WHERE Email LIKE '%@acme.%'"), ['Lovelace']);
    assert.deepEqual(await names("SELECT LastName FROM Contact WHERE LastName LIKE 'T_ring'"), ['Turing']);
    assert.deepEqual(await names("SELECT LastName FROM Contact WHERE LastName NOT IN ('Lovelace', 'Turing') AND FirstName IN ('Back', 'Inject') ORDER BY FirstName"), ['Sla\\sh', "x' OR LastName != 'y"]);
    assert.deepEqual(await names('SELECT LastName FROM Contact WHERE Birthdate > 1989-01-01'), ['Lovelace']);
    assert.deepEqual(await names('SELECT LastName FROM Contact WHERE Birthdate <= 1985-06-23'), ['Turing']);
    assert.equal((await names('SELECT LastName FROM Contact WHERE CreatedDate > 2020-01-01T00:00:00Z')).length, 5);
    assert.equal((await names('SELECT LastName FROM Contact WHERE CreatedDate < 2020-01-01T00:00:00.000+0000')).length, 0);
    assert.equal((await names('SELECT LastName FROM Contact WHERE CreatedDate = TODAY')).length, 5);
    assert.deepEqual(await names("SELECT LastName FROM Contact WHERE AccountId = '" + acme.slice(0, 15) + "' ORDER BY LastName"), ['Lovelace', "O'Brien"]);
    assert.deepEqual(await names("SELECT c.LastName, c.Account.Name FROM Contact c WHERE c.Account.Name = 'Acme Corp' ORDER BY c.LastName DESC"), ["O'Brien", 'Lovelace']);
  });

  it('orders by several keys with NULLS FIRST/LAST, and applies LIMIT, OFFSET and COUNT()', async () => {
    assert.deepEqual(await names('SELECT LastName FROM Contact ORDER BY FirstName NULLS LAST, LastName'), ['Lovelace', 'Turing', 'Sla\\sh', "x' OR LastName != 'y", "O'Brien"]);
    assert.deepEqual(await names('SELECT LastName FROM Contact ORDER BY FirstName DESC NULLS FIRST LIMIT 2'), ["O'Brien", "x' OR LastName != 'y"]);
    assert.deepEqual(await names('SELECT LastName FROM Contact ORDER BY AccountId NULLS LAST, LastName DESC LIMIT 2 OFFSET 1'), ['Lovelace', "x' OR LastName != 'y"]);
    const count = await env.conn.query("SELECT COUNT() FROM Contact WHERE AccountId != null");
    assert.equal(count.totalSize, 2);
    assert.deepEqual(count.records, []);
  });

  it('child subqueries return nested results per parent, or null without children', async () => {
    const res = await env.conn.query<any>("SELECT Name, (SELECT LastName FROM Contacts WHERE LastName != 'Lovelace' ORDER BY LastName) FROM Account ORDER BY Name");
    const [acmeRow, globex] = res.records;
    assert.deepEqual(acmeRow.Contacts.records.map((r: any) => r.LastName), ["O'Brien"]);
    assert.equal(acmeRow.Contacts.totalSize, 1);
    assert.equal(acmeRow.Contacts.done, true);
    assert.equal(acmeRow.Contacts.records[0].attributes.type, 'Contact');
    assert.equal(globex.Contacts, null);
    await assert.rejects(async () => env.conn.query('SELECT Id, (SELECT Id FROM Nope) FROM Account'), (e: any) => e.errorCode === 'INVALID_TYPE');
  });

  it('escaped bind values match only the intended rows', async () => {
    assert.deepEqual(await names(`SELECT LastName FROM Contact WHERE LastName = ${lit("x' OR LastName != 'y")}`), ["x' OR LastName != 'y"]);
    assert.deepEqual(await names(`SELECT LastName FROM Contact WHERE LastName = ${lit('Sla\\sh')}`), ['Sla\\sh']);
    assert.deepEqual(await names(`SELECT LastName FROM Contact WHERE LastName = ${lit("O'Brien")}`), ["O'Brien"]);
    assert.deepEqual(await names(`SELECT LastName FROM Contact WHERE LastName = ${lit("' OR LastName != '")}`), []);
    assert.deepEqual(await names("SELECT LastName FROM Contact WHERE LastName = 'Tab\\tbed'"), []);
  });

  it('answers MALFORMED_QUERY, INVALID_FIELD and INVALID_TYPE like Salesforce', async () => {
    await assert.rejects(async () => env.conn.query('SELEC Id FROM Contact'), (e: any) => e.errorCode === 'MALFORMED_QUERY');
    await assert.rejects(async () => env.conn.query("SELECT Id FROM Contact WHERE LastName = 'a\\qb'"), (e: any) => e.errorCode === 'MALFORMED_QUERY' && /Illegal character sequence '\\q'/.test(e.message));
    await assert.rejects(async () => env.conn.query('SELECT Id, Foo__c FROM Contact'), (e: any) => {
      assert.equal(e.errorCode, 'INVALID_FIELD');
      assert.match(e.message, /^\nSELECT Id, Foo__c FROM Contact\n {11}\^\nERROR at Row:1:Column:12\nNo such column 'Foo__c' on entity 'Contact'\./);
      return true;
    });
    await assert.rejects(async () => env.conn.query('SELECT Id FROM Nope__c'), (e: any) => e.errorCode === 'INVALID_TYPE');
    await assert.rejects(async () => env.conn.query('SELECT Id FROM Contact WHERE LastName = 5'), (e: any) => e.errorCode === 'INVALID_QUERY_FILTER_OPERATOR');
    const res = await raw(env.twin, env.conn, `/query?q=${encodeURIComponent('SELECT Bad__c FROM Lead')}`);
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('content-type'), 'application/json;charset=UTF-8');
  });

  it('query skips deleted records; queryAll returns them with IsDeleted = true', async () => {
    const [gone] = env.twin.insert('Contact', [{ LastName: 'Gone' }]);
    await env.conn.sobject('Contact').destroy(gone);
    assert.equal((await env.conn.query("SELECT Id FROM Contact WHERE LastName = 'Gone'")).totalSize, 0);
    const all = await env.conn.query<{ Id: string; IsDeleted: boolean }>("SELECT Id, IsDeleted FROM Contact WHERE LastName = 'Gone'").scanAll(true);
    assert.deepEqual(all.records.map((r) => [r.Id, r.IsDeleted]), [[gone, true]]);
  });

  it('a (SystemModstamp, Id) cursor walks records that share a timestamp without gaps or repeats', async () => {
    const t = await startTwin();
    try {
      t.setClock(Date.parse('2026-01-01T00:00:00.000Z'));
      t.insert('Lead', Array.from({ length: 7 }, (_, i) => ({ LastName: `Same ${i}`, Company: 'X' })));
      t.setClock(null);
      const c = await oauthConnection(t);
      const seen: string[] = [];
      let stamp = '1970-01-01T00:00:00Z';
      let lastId = '000000000000000';
      for (;;) {
        const page = await c.query<{ Id: string; SystemModstamp: string }>(
          `SELECT Id, SystemModstamp FROM Lead WHERE SystemModstamp > ${stamp} OR (SystemModstamp = ${stamp} AND Id > '${lastId}') ORDER BY SystemModstamp, Id LIMIT 3`,
        );
        if (!page.records.length) break;
        for (const r of page.records) seen.push(r.Id);
        const last = page.records[page.records.length - 1];
        stamp = last.SystemModstamp;
        lastId = last.Id;
      }
      assert.equal(seen.length, 7);
      assert.equal(new Set(seen).size, 7);
    } finally {
      await t.stop();
    }
  });
});
