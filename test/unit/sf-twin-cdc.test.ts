import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming';
import { VERSION, twinSuite } from '../helpers/sf-twin';

type Received = { payload: any; event: { replayId: number } };

/** Subscribes with jsforce's faye client and collects events until `count` arrived (or the timeout). */
async function receive(client: any, channel: string, count: number, during: () => Promise<void>): Promise<Received[]> {
  const got: Received[] = [];
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const sub = client.subscribe(channel, (m: Received) => {
    got.push(m);
    if (got.length >= count) done();
  });
  await sub;
  await during();
  const timer = setTimeout(done, 3000);
  await finished;
  clearTimeout(timer);
  await sub.cancel();
  return got;
}

describe('salesforce twin: Change Data Capture', () => {
  const env = twinSuite({ streamingTimeoutMs: 2000 });

  it('delivers CREATE, UPDATE and DELETE events with ChangeEventHeader, changeOrigin and replay ids', async () => {
    const client: any = env.conn.streaming.createClient([]);
    // The client name travels in Sforce-Call-Options and comes back as changeOrigin: how a sync drops its own echoes.
    const conn = new Connection({ instanceUrl: env.conn.instanceUrl, accessToken: env.conn.accessToken!, version: VERSION, callOptions: { client: 'crm-sync' } });
    try {
      let id = '';
      const events = await receive(client, '/data/LeadChangeEvent', 3, async () => {
        id = ((await conn.sobject('Lead').create({ FirstName: 'Cee', LastName: 'Dee', Company: 'CDC Co' })) as any).id;
        await conn.sobject('Lead').update({ Id: id, LastName: 'See', Title: 'CTO' });
        await conn.sobject('Lead').destroy(id);
      });
      assert.deepEqual(events.map((e) => e.payload.ChangeEventHeader.changeType), ['CREATE', 'UPDATE', 'DELETE']);
      const [created, updated] = events;
      const h = created.payload.ChangeEventHeader;
      assert.equal(h.entityName, 'Lead');
      assert.deepEqual(h.recordIds, [id]);
      assert.equal(h.changeOrigin, 'com/salesforce/api/rest/62.0;client=crm-sync');
      assert.equal(h.commitUser, env.twin.info.userId);
      assert.equal(typeof h.commitTimestamp, 'number');
      assert.deepEqual(created.payload.Name, { FirstName: 'Cee', LastName: 'Dee' });
      assert.equal(created.payload.Company, 'CDC Co');
      assert.match(created.payload.CreatedDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.deepEqual([...updated.payload.ChangeEventHeader.changedFields].sort(), ['LastModifiedDate', 'Name.LastName', 'Title']);
      assert.deepEqual(updated.payload.Name, { LastName: 'See' });
      assert.ok(events[0].event.replayId < events[1].event.replayId && events[1].event.replayId < events[2].event.replayId);
    } finally {
      await client.disconnect();
    }
  });

  it('refuses channels of unknown objects', async () => {
    const client: any = env.conn.streaming.createClient([]);
    try {
      await assert.rejects(Promise.resolve(client.subscribe('/data/NopeChangeEvent', () => {})), /channel you requested to subscribe to does not exist/);
    } finally {
      await client.disconnect();
    }
  });

  it('replays retained events with -2 and skips rolled-back writes', async () => {
    await env.conn.sobject('Account').create([{ Name: 'Rolled' }, {}], { allOrNone: true } as any);
    await env.conn.sobject('Account').create({ Name: 'Kept' });
    const replay = new StreamingExtension.Replay('/data/AccountChangeEvent', -2);
    const client: any = env.conn.streaming.createClient([replay]);
    try {
      const events = await receive(client, '/data/AccountChangeEvent', 1, async () => {});
      assert.deepEqual(events.map((e) => e.payload.Name), ['Kept']);
    } finally {
      await client.disconnect();
    }
  });
});
