import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFlowTest, type FlowTest } from '../../src/testing';
import type { FlowNode } from '../../src/testing/patches';
import { generateLead } from '../../src/sandbox/monday/seed';
import { ActivityMix, BOARD, expectedLead, qualify, type Item, type Rec } from './realtime-model';

const FLOW = 'Monday to Salesforce real-time sync';
const CHAT = 123456789;
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** Live records of an object by monday item id (deleted ones are in the twin's recycle bin). */
function byItem(t: FlowTest, object: string): Map<string, Rec[]> {
  const out = new Map<string, Rec[]>();
  for (const r of t.twins.salesforce!.records(object)) {
    if (r.IsDeleted || !r.Monday_Item_Id__c) continue;
    const key = String(r.Monday_Item_Id__c);
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}

function pickFields(record: Rec, expected: Rec): Rec {
  return Object.fromEntries(Object.keys(expected).map((k) => [k, record[k] ?? null]));
}

/** Webhook events monday delivered (a redelivery of the same trigger counts once). */
function delivered(t: FlowTest): number {
  return new Set(t.twins.monday!.stats().webhookDeliveries.filter((d) => d.ok).map((d) => d.triggerUuid)).size;
}

/** Everything settled: the flow idle, monday's deliveries (write-back echoes too) handled. */
async function settle(t: FlowTest): Promise<void> {
  await t.idle({ timeoutMs: 30_000 });
  await t.twins.monday!.settle();
  await t.idle({ timeoutMs: 30_000 });
}

async function perform(t: FlowTest, activity: Record<string, unknown>): Promise<{ id: string }> {
  const res = await t.mondayActivity(activity);
  return { id: res.item!.id };
}

describe('example: Monday to Salesforce real-time sync', () => {
  let t: FlowTest;
  /** The board's items from before the flow was deployed (the twin's seed, in order): never synced. */
  let seeded: string[];
  before(async () => {
    t = await startFlowTest({ flow: FLOW, startTimeoutMs: 120_000 });
    await t.idle({ timeoutMs: 30_000 }); // the webhook node registers its monday webhooks on deploy
    seeded = [...t.twins.monday!.store.items.values()].filter((i) => i.boardId === BOARD).map((i) => i.id);
  });
  after(() => t?.stop());

  it('registers its webhooks on the Leads board and listens', async () => {
    assert.equal(t.statuses('Leads board events').at(-1)?.text, 'listening on /monday/leads-sync, 4 webhooks');
    const hooks = [...t.twins.monday!.store.webhooks.values()].filter((h) => h.boardId === BOARD);
    assert.deepEqual(hooks.map((h) => h.event).sort(), ['change_column_value', 'change_name', 'create_item', 'item_deleted']);
    assert.ok(hooks.every((h) => h.url === `${t.url}/monday/leads-sync`));
  });

  it('must-show: 200 webhook events → Salesforce equals the expected state, one sync_log row per delivered event', async () => {
    const sf = t.twins.salesforce!;
    const mix = new ActivityMix(20261125);
    // Leads that exist before their monday item (as after the migration): the item carries their id.
    const preset: string[] = [];
    const presetLead = () => {
      const [id] = sf.insert('Lead', [{ LastName: `Migrated ${preset.length}`, Company: 'Legacy Co', Status: 'Open - Not Contacted' }]);
      preset.push(id);
      return id;
    };
    const leadsBefore = sf.records('Lead').filter((r) => !r.IsDeleted).length;
    const deliveredBefore = delivered(t);
    const rowsBefore = (await t.rows('sync_log')).length;
    const counts: Record<string, number> = {};
    let events = 0;
    while (events < 200) {
      const steps = mix.round(8, 200 - events, presetLead);
      const results = await Promise.all(steps.map((s) => perform(t, s.activity)));
      steps.forEach((s, i) => {
        if (s.kind === 'create') s.item!.id = results[i].id;
        else s.apply(s.item!);
        counts[s.kind] = (counts[s.kind] ?? 0) + 1;
      });
      events += steps.length;
      await settle(t);
    }
    assert.equal(events, 200);
    for (const kind of ['create', 'update', 'unsynced', 'status', 'rename', 'delete']) assert.ok(counts[kind] > 0, `the mix has ${kind} events: ${JSON.stringify(counts)}`);
    const qualified = mix.items.filter((i) => i.converted);
    assert.ok(qualified.length >= 5, `some leads were qualified (${qualified.length})`);

    // Salesforce state, field by field.
    const leads = byItem(t, 'Lead');
    const related = { account: byItem(t, 'Account'), contact: byItem(t, 'Contact'), opportunity: byItem(t, 'Opportunity') };
    for (const item of mix.items) {
      const lead = leads.get(item.id) ?? [];
      if (item.deleted) {
        assert.equal(lead.length, 0, `deleted item ${item.id}: its Lead was deleted`);
      } else {
        assert.equal(lead.length, 1, `item ${item.id} has exactly one Lead`);
        const expected = expectedLead(item);
        assert.deepEqual(pickFields(lead[0], expected), expected, `Lead of item ${item.id}`);
        if (item.presetLeadId) assert.equal(lead[0].Id, item.presetLeadId, 'the item\'s Salesforce ID was updated, not duplicated');
        assert.equal(t.twins.monday!.store.items.get(item.id)?.values.get('salesforce_id')?.value, lead[0].Id, 'Lead Id written back');
      }
      for (const [entity, records] of Object.entries(related)) {
        const got = records.get(item.id) ?? [];
        const expected = item.converted?.[entity as keyof Item['converted'] & string] as Rec | undefined;
        assert.equal(got.length, expected ? 1 : 0, `${entity} of item ${item.id}`);
        if (expected) assert.deepEqual(pickFields(got[0], expected), expected, `${entity} of item ${item.id}`);
      }
      if (item.converted) {
        const accountId = related.account.get(item.id)![0].Id;
        assert.equal(related.contact.get(item.id)![0].AccountId, accountId);
        assert.equal(related.opportunity.get(item.id)![0].AccountId, accountId);
      }
    }
    const created = mix.items.filter((i) => !i.presetLeadId).length;
    const deleted = mix.items.filter((i) => i.deleted).length;
    assert.equal(sf.records('Lead').filter((r) => !r.IsDeleted).length, leadsBefore + preset.length + created - deleted, 'no Lead duplicated or lost');

    // The id map knows every live Lead and every converted record.
    const links = await t.query<{ entity: string; system: string; record_id: string; link_id: string }>('SELECT entity, system, record_id, link_id FROM crm_sync.id_map');
    const partner = (entity: string, mondayId: string) => {
      const m = links.find((l) => l.entity === entity && l.system === 'monday' && l.record_id === mondayId);
      return m && links.find((l) => l.link_id === m.link_id && l.system === 'salesforce')?.record_id;
    };
    for (const item of mix.items) {
      assert.equal(partner('lead', item.id), item.deleted ? undefined : leads.get(item.id)![0].Id, `id map lead ${item.id}`);
      for (const entity of ['account', 'contact', 'opportunity'] as const) {
        if (item.converted) assert.equal(partner(entity, item.id), related[entity].get(item.id)![0].Id, `id map ${entity} ${item.id}`);
      }
    }

    // One sync_log row per delivered webhook event: the 200 edits plus the echoes of our own write-backs.
    const rows = (await t.rows('sync_log')).slice(rowsBefore);
    assert.equal(rows.length, delivered(t) - deliveredBefore);
    const echoes = mix.items.filter((i) => !i.presetLeadId).length;
    assert.equal(rows.length, 200 + echoes);
    const by = (status: string) => rows.filter((r) => r.status === status);
    assert.deepEqual(by('failed').map((r) => r.message), []);
    assert.equal(by('skipped').length, echoes + counts.unsynced);
    assert.equal(by('skipped').filter((r) => /echo/.test(String(r.message))).length, echoes);
    assert.ok(rows.every((r) => r.system === 'salesforce' && r.direction === 'monday→salesforce' && /^\d+$/.test(String(r.external_id))));
    assert.equal(rows.filter((r) => r.event === 'create').length, counts.create);
    assert.equal(rows.filter((r) => r.event === 'delete').length, counts.delete);
    assert.equal((await t.rows('error_log')).length, 0);
    assert.equal(t.twins.telegram!.messages(CHAT).length, 0, 'no alerts');
  });

  it('an update, rename or qualification of an item never synced (seeded before the flow) creates its whole Lead, links it, writes its Id back', async () => {
    const sf = t.twins.salesforce!;
    const leadsBefore = sf.records('Lead').filter((r) => !r.IsDeleted).length;
    const rowsBefore = (await t.rows('sync_log')).length;
    // Seeded items as the model knows them; their Salesforce ID column names Leads this org never had.
    const items: Item[] = [1, 2, 3, 5].map((n) => {
      const { name, values } = generateLead(n);
      const v = values as { status: { label: string }; email: { email: string }; phone: { phone: string }; company: string; deal_value: string; close_date: { date: string } };
      return { id: seeded[n - 1], name, status: v.status.label, email: v.email.email, phone: v.phone.phone, company: v.company, dealValue: Number(v.deal_value), closeDate: v.close_date.date, deleted: false };
    });
    const [phoned, lost, renamed, qualified] = items;
    assert.equal(byItem(t, 'Lead').get(phoned.id), undefined, 'not synced yet');
    const edits = [
      { step: { action: 'change_column_value', boardId: BOARD, itemId: phoned.id, columnId: 'phone', value: { phone: '+15559990001', countryShortName: 'US' } }, apply: () => (phoned.phone = '+15559990001'), event: 'update' },
      { step: { action: 'change_column_value', boardId: BOARD, itemId: lost.id, columnId: 'status', value: { label: 'Lost' } }, apply: () => (lost.status = 'Lost'), event: 'update' },
      { step: { action: 'change_name', boardId: BOARD, itemId: renamed.id, name: 'Renamed Seed' }, apply: () => (renamed.name = 'Renamed Seed'), event: 'rename' },
      { step: { action: 'change_column_value', boardId: BOARD, itemId: qualified.id, columnId: 'status', value: { label: 'Qualified' } }, apply: () => ((qualified.status = 'Qualified'), qualify(qualified)), event: 'update' },
    ];
    await Promise.all(edits.map((e) => perform(t, e.step)));
    edits.forEach((e) => e.apply());
    await settle(t);

    const leads = byItem(t, 'Lead');
    const rows = (await t.rows('sync_log')).slice(rowsBefore);
    assert.deepEqual(rows.filter((r) => r.status === 'failed').map((r) => r.message), []);
    for (const [i, item] of items.entries()) {
      const lead = leads.get(item.id) ?? [];
      assert.equal(lead.length, 1, `item ${item.id} has exactly one Lead`);
      const expected = expectedLead(item);
      assert.deepEqual(pickFields(lead[0], expected), expected, `the whole Lead of item ${item.id}`);
      assert.equal(t.twins.monday!.store.items.get(item.id)?.values.get('salesforce_id')?.value, lead[0].Id, 'Lead Id written back over the stale one');
      const links = await t.query<{ system: string; record_id: string }>(
        'SELECT system, record_id FROM crm_sync.id_map WHERE entity = $1 AND link_id = (SELECT link_id FROM crm_sync.id_map WHERE entity = $1 AND system = $2 AND record_id = $3) ORDER BY system', ['lead', 'monday', item.id]);
      assert.deepEqual(links.map((l) => [l.system, l.record_id]), [['monday', item.id], ['salesforce', lead[0].Id]], 'linked in the id map');
      // One row for the edit; the write-back comes back as its own event, skipped as an echo.
      const mine = rows.filter((r) => r.external_id === item.id);
      assert.deepEqual(mine.map((r) => [r.event, r.status]), [[edits[i].event, 'success'], ['update', 'skipped']], `rows of item ${item.id}`);
      assert.match(String(mine[0].message), item.converted ? /^qualified: Account / : /^Lead created from the whole item/);
      for (const [entity, expected] of Object.entries(item.converted ?? {})) {
        const got = byItem(t, entity[0].toUpperCase() + entity.slice(1)).get(item.id) ?? [];
        assert.equal(got.length, 1, `${entity} of item ${item.id}`);
        assert.deepEqual(pickFields(got[0], expected), expected, `${entity} of item ${item.id}`);
      }
      assert.equal(mine[0].record_id, lead[0].Id);
      assert.match(String(mine[1].message), /echo/);
    }
    assert.equal(rows.length, 8);
    assert.equal(sf.records('Lead').filter((r) => !r.IsDeleted).length, leadsBefore + 4, 'one new Lead per item, none for the stale ids');
  });

  it('a Salesforce refusal: a failed row with the reason and the record, nothing written back, an alert', async () => {
    const rowsBefore = (await t.rows('sync_log')).length;
    t.twins.salesforce!.setFaults({ script: [{ kind: 'error', status: 400, errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Leads from competitors are not accepted', family: 'collections' }] });
    const { id } = await perform(t, { action: 'create_item', boardId: BOARD, name: 'Refused Person', columnValues: { company: 'Competitor Corp', email: { email: 'no@competitor.example', text: 'no' } } });
    await settle(t);
    const rows = (await t.rows('sync_log')).slice(rowsBefore);
    assert.equal(rows.length, 1, 'one row for the one event (no write-back, so no echo)');
    assert.equal(rows[0].status, 'failed');
    assert.equal(rows[0].external_id, id);
    assert.equal(rows[0].event, 'create');
    assert.match(String(rows[0].message), /^FIELD_CUSTOM_VALIDATION_EXCEPTION: Leads from competitors are not accepted/);
    assert.equal(rows[0].payload.Company, 'Competitor Corp', 'the refused Lead is kept in the row');
    assert.equal(byItem(t, 'Lead').get(id), undefined);
    assert.equal(t.twins.monday!.store.items.get(id)?.values.get('salesforce_id'), undefined, 'nothing written back');
    const alerts = await t.waitFor(() => t.twins.telegram!.messages(CHAT).filter((m) => m.text.includes(id)));
    assert.match(alerts[0].text, /^error sync failed: monday item \d+ \(create\): FIELD_CUSTOM_VALIDATION_EXCEPTION/);
  });

  it('qualification is all or none: a refused Opportunity leaves no Account or Contact, the Lead unchanged', async () => {
    const company = `${'Very Long Company Name '.repeat(5)}Holdings`; // fine for Lead and Account, too long for an Opportunity name
    const { id } = await perform(t, { action: 'create_item', boardId: BOARD, name: 'Long Name', columnValues: { company, status: { label: 'Lost' } } });
    await settle(t);
    const lead = byItem(t, 'Lead').get(id)![0];
    assert.equal(lead.Status, 'Closed - Not Converted');
    const rowsBefore = (await t.rows('sync_log')).length;
    await perform(t, { action: 'change_column_value', boardId: BOARD, itemId: id, columnId: 'status', value: { label: 'Qualified' } });
    await settle(t);
    const [row] = (await t.rows('sync_log')).slice(rowsBefore);
    assert.equal(row.status, 'failed');
    assert.match(String(row.message), /^STRING_TOO_LONG: .*Name/);
    assert.deepEqual(row.payload.map((e: Rec) => e.referenceId), ['lead', 'account', 'contact', 'opportunity']);
    for (const object of ['Account', 'Contact', 'Opportunity']) assert.equal(byItem(t, object).get(id), undefined, `no ${object}`);
    assert.equal(byItem(t, 'Lead').get(id)![0].Status, 'Closed - Not Converted', 'the Lead update was rolled back too');
    const links = await t.query('SELECT entity FROM crm_sync.id_map WHERE system = $1 AND record_id = $2 ORDER BY entity', ['monday', id]);
    assert.deepEqual(links.map((l) => l.entity), ['lead']);
    await t.waitFor(() => t.twins.telegram!.messages(CHAT).some((m) => m.text.includes(`monday item ${id} (update): STRING_TOO_LONG`)));
  });
});

describe('example: Monday to Salesforce real-time sync, delete mode "flag" and node errors', () => {
  let t: FlowTest;
  before(async () => {
    // The flow's one setting, switched as a user would in the SETTING node.
    const flow = JSON.parse(readFileSync(path.join(EXAMPLES, `${FLOW}.json`), 'utf8')) as FlowNode[];
    const setting = flow.find((n) => n.name === 'SETTING delete mode')!;
    (setting.rules as Rec[])[0].to = 'flag';
    // Salesforce's describe is down from the start, so the field mappers have no Lead schema yet.
    // (A refusal, not a 5xx: jsforce retries those itself for half a minute.)
    const describeDown = { script: [{ kind: 'error' as const, status: 403, errorCode: 'INSUFFICIENT_ACCESS', message: 'describe is down', family: 'describe' as const, times: 1000 }] };
    t = await startFlowTest({ flow, startTimeoutMs: 120_000, twinOptions: { salesforce: { faults: describeDown } } });
    await t.idle({ timeoutMs: 60_000 });
  });
  after(() => t?.stop());

  it('a node error (Salesforce describe failing) → error_log, a failed row for the event, an alert', async () => {
    const { id } = await perform(t, { action: 'create_item', boardId: BOARD, name: 'Early Bird', columnValues: { company: 'First Co' } });
    await settle(t);
    const [error] = await t.rows('error_log');
    assert.equal(error.node_name, 'monday item → Lead');
    const rows = await t.rows('sync_log', { external_id: id });
    assert.deepEqual(rows.map((r) => [r.event, r.status]), [['create', 'failed']]);
    assert.match(String(rows[0].message), /describe is down/);
    await t.waitFor(() => t.twins.telegram!.messages(CHAT).some((m) => m.text.includes(`monday item ${id} (create)`)));
  });

  it('a deleted item flags its Lead (Closed - Not Converted) and keeps the pair', async () => {
    t.twins.salesforce!.setFaults({});
    const { id } = await perform(t, { action: 'create_item', boardId: BOARD, name: 'Kept Lead', columnValues: { company: 'Stays Ltd', status: { label: 'Quote' } } });
    await settle(t);
    const lead = byItem(t, 'Lead').get(id)![0];
    assert.equal(lead.Status, 'Working - Contacted');
    await perform(t, { action: 'delete_item', boardId: BOARD, itemId: id });
    await settle(t);
    const after = byItem(t, 'Lead').get(id)!;
    assert.deepEqual(after.map((r) => [r.Id, r.Status]), [[lead.Id, 'Closed - Not Converted']]);
    const [row] = await t.rows('sync_log', { external_id: id, event: 'delete' });
    assert.equal(row.status, 'success');
    assert.match(String(row.message), /flagged/);
    const links = await t.query('SELECT system, record_id FROM crm_sync.id_map WHERE entity = $1 ORDER BY system', ['lead']);
    assert.ok(links.some((l) => l.system === 'salesforce' && l.record_id === lead.Id), 'the pair stays linked');
  });
});
