import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { CrmError } from '../../src/core/errors';
import { bindSoql, bulkQueryPages, rowToRecord, typedCell } from '../../src/connectors/salesforce';
import type { SalesforceClient } from '../../src/connectors/salesforce';
import { startSalesforceTwin } from '../../src/sandbox/salesforce';
import type { SalesforceTwinHandle } from '../../src/sandbox/salesforce';
import { twinClient } from '../helpers/sf-client';

describe('salesforce connector: Bulk API 2.0 query against the twin', () => {
  let twin: SalesforceTwinHandle;
  let client: SalesforceClient;
  before(async () => {
    twin = await startSalesforceTwin({ bulkProcessingMs: 60 });
    client = twinClient(twin);
  });
  beforeEach(() => twin.reset());
  after(async () => {
    await client.close();
    await twin.stop();
  });

  it('12,000 records in pages of 5,000: 3 pages, no duplicates, no header records, typed values', async () => {
    twin.insert('Lead', Array.from({ length: 12000 }, (_, n) => ({ LastName: `L${n}`, Company: n % 2 ? 'Odd, "Inc"' : 'Even', NumberOfEmployees: n, HasOptedOutOfEmail: n % 3 === 0 })));
    const types = { NumberOfEmployees: 'int', HasOptedOutOfEmail: 'boolean' };
    const sizes: number[] = [];
    const seen = new Set<string>();
    const pages: number[] = [];
    let last: Record<string, unknown> = {};
    for await (const page of bulkQueryPages(client, 'SELECT Id, LastName, Company, Email, NumberOfEmployees, HasOptedOutOfEmail FROM Lead', { pageSize: 5000, pollIntervalMs: 20, types })) {
      sizes.push(page.records.length);
      pages.push(page.page);
      assert.equal(page.totalSize, 12000);
      assert.equal(page.done, page.page === 3);
      for (const r of page.records) {
        assert.notEqual(r.Id, 'Id', 'a CSV header line came through as a record');
        assert.match(String(r.Id), /^00Q/);
        seen.add(String(r.Id));
        last = r;
      }
    }
    assert.deepEqual(sizes, [5000, 5000, 2000]);
    assert.deepEqual(pages, [1, 2, 3]);
    assert.equal(seen.size, 12000);
    const n = Number(String(last.LastName).slice(1));
    assert.deepEqual(last, { Id: last.Id, LastName: `L${n}`, Company: n % 2 ? 'Odd, "Inc"' : 'Even', Email: null, NumberOfEmployees: n, HasOptedOutOfEmail: n % 3 === 0 });
  });

  it('bound values, queryAll, and parent fields nested like query mode', async () => {
    const [accountId] = twin.insert("Account", [{ Name: "O'Hara & Co" }]);
    twin.insert('Contact', [
      { LastName: 'With', AccountId: accountId },
      { LastName: 'Without' },
    ]);
    const soql = bindSoql('SELECT Id, LastName, Account.Name FROM Contact WHERE LastName IN :names ORDER BY LastName', { names: ['With', 'Without'] });
    const out: Array<Record<string, unknown>> = [];
    for await (const p of bulkQueryPages(client, soql, { pollIntervalMs: 20, includeDeleted: true })) out.push(...p.records);
    assert.deepEqual(
      out.map((r) => ({ LastName: r.LastName, Account: r.Account })),
      [
        { LastName: 'With', Account: { Name: "O'Hara & Co" } },
        { LastName: 'Without', Account: null },
      ],
    );
  });

  it('a rejected job gives Salesforce\'s message; a job still running at the timeout is aborted', async () => {
    await assert.rejects(
      async () => {
        for await (const p of bulkQueryPages(client, 'SELECT COUNT() FROM Lead', { pollIntervalMs: 20 })) void p;
      },
      (e: CrmError) => e.code === 'SF_BULK_REJECTED' && /COUNT\(\)/.test(e.message),
    );
    const slow = await startSalesforceTwin({ bulkProcessingMs: 5000 });
    const c2 = twinClient(slow);
    try {
      await assert.rejects(
        async () => {
          for await (const p of bulkQueryPages(c2, 'SELECT Id FROM Lead', { pollIntervalMs: 20, timeoutMs: 150 })) void p;
        },
        (e: CrmError) => e.code === 'SF_BULK_TIMEOUT',
      );
    } finally {
      await c2.close();
      await slow.stop();
    }
  });

  it('CSV cells: empty → null, numbers and booleans by field type, text kept as text', () => {
    assert.equal(typedCell('', 'string'), null);
    assert.equal(typedCell('0012', 'string'), '0012');
    assert.equal(typedCell('12.5', 'currency'), 12.5);
    assert.equal(typedCell('false', 'boolean'), false);
    assert.equal(typedCell('true', undefined), 'true');
    assert.deepEqual(rowToRecord({ Id: '1', 'Account.Owner.Name': 'Ann', 'Account.Name': '' }), { Id: '1', Account: { Owner: { Name: 'Ann' }, Name: null } });
  });
});
