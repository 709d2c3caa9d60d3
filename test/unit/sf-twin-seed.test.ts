import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SfRecord } from '../../src/sandbox/salesforce/store';
import { oauthConnection, startTwin } from '../helpers/sf-twin';

const strip = (rows: SfRecord[]) => rows.map(({ CreatedDate: _c, LastModifiedDate: _l, SystemModstamp: _s, ...rest }) => rest);

describe('salesforce twin: seed data', () => {
  it('generates the same realistic records for the same seed, and different ones for another seed', async () => {
    const seed = { seed: 7, accounts: 20, contacts: 40, leads: 60, opportunities: 15 };
    const [a, b, c] = await Promise.all([startTwin({ seed }), startTwin({ seed }), startTwin({ seed: { ...seed, seed: 8 } })]);
    try {
      for (const object of ['User', 'Account', 'Contact', 'Lead', 'Opportunity']) {
        assert.deepEqual(strip(a.records(object)), strip(b.records(object)), object);
      }
      assert.notDeepEqual(strip(a.records('Lead')), strip(c.records('Lead')));
      const leads = a.records('Lead');
      assert.equal(leads.length, 60);
      const owners = new Set(a.records('User').map((u) => u.Id));
      assert.equal(owners.size, 4, 'demo user plus three owners');
      for (const l of leads) {
        assert.match(String(l.Email), /^[a-z]+\.[a-z]+\d+@[a-z]+\.example$/);
        assert.match(String(l.Phone), /^\+\d+ \d+ \d{3} \d{4}$/);
        assert.ok(owners.has(l.OwnerId as string));
        assert.ok(String(l.Company).length > 3);
      }
      assert.ok(new Set(leads.map((l) => l.OwnerId)).size > 1, 'records are spread over owners');
      const conn = await oauthConnection(a);
      const res = await conn.query<any>('SELECT Name, Account.Name FROM Contact WHERE AccountId != null LIMIT 1');
      assert.equal(typeof res.records[0].Account.Name, 'string');
      const opps = await conn.query('SELECT COUNT() FROM Opportunity');
      assert.equal(opps.totalSize, 15);

      const leadsBefore = strip(a.records('Lead'));
      await conn.sobject('Lead').create({ LastName: 'Extra', Company: 'X' });
      await conn.sobject('Lead').destroy(leads[0].Id as string);
      const res2 = await fetch(`${a.info.url}/__twin/reset`, { method: 'POST' });
      assert.equal(res2.status, 200);
      assert.deepEqual(strip(a.records('Lead')), leadsBefore, 'reset restores the seeded records with the same ids');
      assert.equal(a.stats().apiUsage.used, 0);
      assert.equal((await conn.query('SELECT COUNT() FROM Lead')).totalSize, 60, 'sessions survive a reset');
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });
});
