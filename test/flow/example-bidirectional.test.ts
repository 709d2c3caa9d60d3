/**
 * examples/"Bidirectional sync with conflict resolution.json" against the twins and the embedded
 * PostgreSQL. The inject's 10 s timer is switched off so each Salesforce round happens when the test
 * presses the button; everything else runs as shipped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Connection } from 'jsforce';
import { loadFlow, startFlowTest } from '../../src/testing';
import type { FlowTest } from '../../src/testing';
import type { ItemRec } from '../../src/sandbox/monday/model';
import { oauthConnection } from '../helpers/sf-twin';

const EXAMPLE = 'Bidirectional sync with conflict resolution';
const ROUND = 'every 10 s';
const RESOLVER = 'resolve by the rules';
const MONDAY_WRITES = ['create_item', 'change_multiple_column_values', 'change_column_value', 'change_simple_column_value', 'delete_item', 'archive_item'];

type Contact = Record<string, unknown> & { Id: string };
interface Common {
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  city: string | null;
}

function flowWithoutTimer() {
  return loadFlow(EXAMPLE).nodes.map((n) => (n.name === ROUND ? { ...n, repeat: '', once: false } : n));
}

describe('example flow: Bidirectional sync with conflict resolution', () => {
  let t: FlowTest;
  let sf: Connection;
  let board: string;

  const contacts = (): Contact[] => (t.twins.salesforce!.records('Contact') as Contact[]).filter((c) => !c.IsDeleted);
  const contact = (id: string): Contact => contacts().find((c) => c.Id === id)!;
  const items = (): ItemRec[] => [...t.twins.monday!.store.items.values()].filter((i) => i.boardId === board && i.state === 'active');
  const item = (id: string): ItemRec => t.twins.monday!.store.items.get(id)!;
  const cell = (i: ItemRec, column: string): string | null => i.values.get(column)?.text || null;
  const onMonday = (i: ItemRec): Common => ({ name: i.name, email: cell(i, 'email'), phone: cell(i, 'phone'), title: cell(i, 'title'), city: cell(i, 'city') });
  const inSalesforce = (c: Contact): Common => ({
    name: [c.FirstName, c.LastName].filter(Boolean).join(' '),
    email: (c.Email as string) ?? null,
    phone: (c.Phone as string) ?? null,
    title: (c.Title as string) ?? null,
    city: (c.MailingCity as string) ?? null,
  });
  const links = async (): Promise<Array<{ linkId: string; salesforce: string; monday: string }>> => {
    const rows = await t.query<{ link_id: string; system: string; record_id: string }>("SELECT link_id::text, system, record_id FROM crm_sync.id_map WHERE entity = 'contact' ORDER BY link_id");
    const byLink = new Map<string, Record<string, string>>();
    for (const r of rows) byLink.set(r.link_id, { ...byLink.get(r.link_id), [r.system]: r.record_id });
    return [...byLink].map(([linkId, ids]) => ({ linkId, salesforce: ids.salesforce, monday: ids.monday }));
  };
  const linkOf = async (salesforceId: string) => (await links()).find((l) => l.salesforce === salesforceId)!;
  /** Every write either twin has taken, and every webhook monday delivered: unchanged means nothing moved. */
  const writes = () => {
    const stats = t.twins.monday!.stats();
    return {
      monday: Object.fromEntries(MONDAY_WRITES.map((op) => [op, stats.operations[op] ?? 0])),
      webhooks: stats.webhookDeliveries.length,
      salesforce: Object.fromEntries(contacts().map((c) => [c.Id, c.SystemModstamp])),
    };
  };
  const round = async () => {
    await t.inject(ROUND);
    await t.idle({ timeoutMs: 30_000 });
  };

  before(async () => {
    t = await startFlowTest({ flow: flowWithoutTimer(), startTimeoutMs: 90_000, twinOptions: { salesforce: { seed: { seed: 11, accounts: 2, contacts: 3 } } } });
    board = t.sandbox!.monday!.contactsBoardId;
    sf = await oauthConnection(t.twins.salesforce!);
    // The webhook node creates the board's webhooks after deploy; green once they exist.
    await t.waitFor(() => t.statuses('Contacts board events').at(-1)?.fill === 'green', { what: 'the Contacts board webhooks' });
  });
  after(() => t?.stop());

  it('brings every existing Contact to the empty board on the first delta read, linked in the id map', async () => {
    assert.equal(items().length, 0);
    await round();

    const seeded = contacts();
    assert.equal(seeded.length, 3);
    assert.equal(items().length, 3);
    const linked = await links();
    assert.equal(linked.length, 3);
    for (const c of seeded) {
      const link = linked.find((l) => l.salesforce === c.Id);
      assert.ok(link, `Contact ${c.Id} is linked`);
      const i = item(link.monday);
      assert.deepEqual(onMonday(i), inSalesforce(c));
      assert.equal(cell(i, 'salesforce_id'), c.Id);
    }
    const created = await t.rows('sync_log', { event: 'create' });
    assert.equal(created.length, 3);
    assert.ok(created.every((r) => r.status === 'success' && r.message === 'created on monday'));
    // The items' own create webhooks came back and were recognised as echoes.
    assert.ok(t.outputs(RESOLVER, 2).length >= 3);
    assert.deepEqual(await t.rows('error_log'), []);
  });

  it('settles concurrent edits on both sides by the configured rules, with no echo loop', async () => {
    const [c] = contacts();
    const link = await linkOf(c.Id);
    const resolvedBefore = t.outputs(RESOLVER, 0).length;

    // Between two Salesforce rounds: Salesforce changes email, phone, city and the last name...
    await sf.sobject('Contact').update({ Id: c.Id, Email: 'kept.from.salesforce@client.example', Phone: '+49 30 111 1111', MailingCity: 'Hamburg', LastName: 'Lindqvist' });
    // ...and a monday user saves email, phone, title and city of the same Contact at once.
    await t.mondayActivity({
      action: 'change_multiple_column_values',
      boardId: board,
      itemId: link.monday,
      columnValues: {
        email: { email: 'lost.on.monday@board.example', text: 'lost.on.monday@board.example' },
        phone: { phone: '+49 30 222 2222', countryShortName: 'DE' },
        title: 'Head of Partnerships',
        city: 'Munich',
      },
    });
    await t.idle({ timeoutMs: 30_000 });

    // The first webhook's round saw both sides' edits: three fields changed on both sides.
    const resolved = t.outputs(RESOLVER, 0).slice(resolvedBefore);
    const settled = resolved.find((m) => m.conflicts.length > 0);
    assert.ok(settled, 'a resolution with conflicts');
    const byField = Object.fromEntries(settled.conflicts.map((x: { field: string }) => [x.field, x]));
    assert.deepEqual(Object.keys(byField).sort(), ['city', 'email', 'phone']);
    assert.equal(byField.email.winner, 'salesforce', 'rule: Salesforce wins email');
    assert.equal(byField.phone.winner, 'monday', 'rule: monday wins phone');
    // No rule for city: the most recent change wins (record times; a tie goes to Salesforce).
    const times = byField.city.modified as Record<string, string>;
    const newer = Date.parse(times.monday) > Date.parse(times.salesforce) ? 'monday' : 'salesforce';
    assert.equal(byField.city.winner, newer);
    assert.equal(byField.city.rule, 'last-write-wins');

    const expected: Common = {
      name: `${String(c.FirstName)} Lindqvist`, // changed in Salesforce only
      email: 'kept.from.salesforce@client.example',
      phone: '+49 30 222 2222',
      title: 'Head of Partnerships', // changed on monday only
      city: newer === 'monday' ? 'Munich' : 'Hamburg',
    };
    assert.deepEqual(inSalesforce(contact(c.Id)), expected);
    assert.deepEqual(onMonday(item(link.monday)), expected);
    const [snapshot] = await t.query<{ snapshot: Common }>('SELECT snapshot FROM crm_sync.record_snapshot WHERE entity_key = $1 LIMIT 1', [`contact:${link.linkId}`]);
    assert.deepEqual(snapshot.snapshot, expected);

    const conflictRows = await t.rows('sync_log', { event: 'conflict_resolved', record_id: `contact:${link.linkId}` });
    assert.deepEqual(conflictRows.map((r) => r.payload.field).sort(), ['city', 'email', 'phone']);

    // Our writes come back (monday's webhooks were handled above; Salesforce's in the next delta
    // read): recognised as echoes, nothing is written again, however many rounds follow.
    const settledWrites = writes();
    const echoesBefore = t.outputs(RESOLVER, 2).length;
    await round();
    assert.ok(t.outputs(RESOLVER, 2).length > echoesBefore, 'the delta read returned our own write as an echo');
    await t.idle({ quietMs: 1000, timeoutMs: 30_000 });
    await round();
    assert.deepEqual(writes(), settledWrites);
    assert.deepEqual(onMonday(item(link.monday)), expected);
    assert.deepEqual(inSalesforce(contact(c.Id)), expected);
  });

  it('creates an item made on monday in Salesforce, a new Contact on monday, and links both', async () => {
    const { item: made } = await t.mondayActivity({
      action: 'create_item',
      boardId: board,
      name: 'Grace Hopper',
      columnValues: { email: { email: 'grace@navy.example', text: 'grace@navy.example' }, phone: { phone: '+1 202 555 0100', countryShortName: 'US' }, title: 'Rear Admiral', city: 'Arlington' },
    });
    await t.idle({ timeoutMs: 30_000 });
    const grace = contacts().find((x) => x.Monday_Item_Id__c === made!.id);
    assert.ok(grace, 'the item became a Contact');
    assert.deepEqual(inSalesforce(grace), { name: 'Grace Hopper', email: 'grace@navy.example', phone: '+1 202 555 0100', title: 'Rear Admiral', city: 'Arlington' });
    assert.equal(cell(item(made!.id), 'salesforce_id'), grace.Id);
    assert.equal((await linkOf(grace.Id))?.monday, made!.id);

    const alan = await sf.sobject('Contact').create({ FirstName: 'Alan', LastName: 'Turing', Email: 'alan@bletchley.example', Phone: '+44 20 7946 0000', Title: 'Cryptanalyst', MailingCity: 'London' });
    await round();
    const alanId = (alan as { id: string }).id;
    const alanLink = await linkOf(alanId);
    assert.ok(alanLink, 'the new Contact is linked');
    const alanItem = item(alanLink.monday);
    assert.deepEqual(onMonday(alanItem), { name: 'Alan Turing', email: 'alan@bletchley.example', phone: '+44 20 7946 0000', title: 'Cryptanalyst', city: 'London' });
    assert.equal(cell(alanItem, 'salesforce_id'), alanId);

    // Both settle: more rounds change nothing and make no duplicates.
    await round();
    const settled = writes();
    await round();
    assert.deepEqual(writes(), settled);
    assert.equal(contacts().length, 5);
    assert.equal(items().length, 5);
    assert.equal((await links()).length, 5);
    assert.deepEqual(await t.rows('error_log'), []);
    assert.deepEqual(t.logs('error'), []);
  });
});
