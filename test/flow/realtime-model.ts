/**
 * What the "Monday to Salesforce real-time sync" example should make of a sequence of monday edits,
 * computed here from the flow's documented rules (not from its code): a seeded mix of board activity
 * and the Salesforce records expected after it.
 */
import { mulberry32 } from '../../src/core/prng';

export const BOARD = '1800000001';
export const LEAD_STATUS: Record<string, string> = { 'Follow-up': 'Working - Contacted', Quote: 'Working - Contacted', MOU: 'Working - Contacted', Qualified: 'Working - Contacted', Lost: 'Closed - Not Converted' };
export const STAGE: Record<string, string> = { Qualified: 'Qualification', 'Follow-up': 'Needs Analysis', Quote: 'Proposal/Price Quote', MOU: 'Negotiation/Review', Lost: 'Closed Lost' };
const STATUSES = ['Follow-up', 'Quote', 'MOU', 'Qualified', 'Lost'];
const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson'];
const COMPANIES = ['Analytical Engines', 'Cobol Works', 'Enigma Ltd', 'Semaphore AG', 'Abstraction Inc', 'TeX Press'];

export type Rec = Record<string, unknown>;

/** The board item as the test knows it (plain values). */
export interface Item {
  id: string;
  name: string;
  status?: string;
  email?: string | null;
  phone?: string | null;
  company?: string | null;
  dealValue: number;
  closeDate: string;
  /** Set when the item was created carrying an existing Lead's id ("migrated"). */
  presetLeadId?: string;
  deleted: boolean;
  /** Records expected from the last successful qualification; stage follows later status changes. */
  converted?: { account: Rec; contact: Rec; opportunity: Rec };
}

/** One edit on the board, as POST /__twin/activity takes it (always a real change: monday sends no event otherwise); `apply` updates the model. */
export interface Step {
  activity: Record<string, unknown>;
  apply(item: Item): void;
  kind: 'create' | 'update' | 'unsynced' | 'status' | 'rename' | 'delete';
  item?: Item;
}

/** "First Last" → {first, last}; one word is a last name (the flow's rule for Salesforce's required LastName). */
export function splitName(name: string): { first: string | null; last: string } {
  const words = name.trim().split(/\s+/);
  return words.length === 1 ? { first: null, last: words[0] } : { first: words.slice(0, -1).join(' '), last: words[words.length - 1] };
}

export function expectedLead(item: Item): Rec {
  const { first, last } = splitName(item.name);
  return {
    FirstName: first, LastName: last, Company: item.company || '[not provided]', Email: item.email ?? null, Phone: item.phone ?? null,
    Status: item.status ? LEAD_STATUS[item.status] : 'Open - Not Contacted', Monday_Item_Id__c: item.id,
  };
}

/** The records a qualification of the item upserts (Lead fields as they are now). */
export function qualify(item: Item): void {
  const lead = expectedLead(item);
  item.converted = {
    account: { Name: lead.Company, Phone: lead.Phone, Monday_Item_Id__c: item.id },
    contact: { FirstName: lead.FirstName, LastName: lead.LastName, Email: lead.Email, Phone: lead.Phone, Monday_Item_Id__c: item.id },
    opportunity: { Name: `${lead.Company} – ${item.name}`, StageName: STAGE.Qualified, CloseDate: item.closeDate, Amount: item.dealValue, Monday_Item_Id__c: item.id },
  };
}

/** A seeded, deterministic mix of board activity over the items it creates. */
export class ActivityMix {
  readonly items: Item[] = [];
  private readonly rand: () => number;
  private names = 0;
  /** Makes every new e-mail and phone unique: monday sends no event for a value that did not change. */
  private changes = 0;
  constructor(seed: number) {
    this.rand = mulberry32(seed);
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rand() * list.length)];
  }

  private person(): string {
    this.names += 1;
    // Every 7th name is one word (no first name); the rest "First Last".
    return this.names % 7 === 0 ? this.pick(LAST) : `${this.pick(FIRST)} ${this.pick(LAST)}`;
  }

  live(): Item[] {
    return this.items.filter((i) => !i.deleted && i.id);
  }

  /** A create: some columns set, sometimes (every 6th) carrying an existing Lead's id. */
  create(presetLeadId?: string): Step {
    const n = this.items.length + 1;
    const item: Item = { id: '', name: this.person(), dealValue: 500 * (1 + Math.floor(this.rand() * 40)), closeDate: `2026-${String(1 + (n % 12)).padStart(2, '0')}-15`, deleted: false, presetLeadId };
    const values: Rec = { deal_value: String(item.dealValue), close_date: { date: item.closeDate } };
    if (this.rand() < 0.8) item.email = `${item.name.toLowerCase().replace(/\s+/g, '.')}.${n}@example.com`;
    if (this.rand() < 0.6) item.phone = `+1555${String(2_000_000 + n).slice(-7)}`;
    if (this.rand() < 0.7) item.company = this.pick(COMPANIES);
    if (this.rand() < 0.5) item.status = this.pick(STATUSES.filter((s) => s !== 'Qualified'));
    if (item.email) values.email = { email: item.email, text: item.name };
    if (item.phone) values.phone = { phone: item.phone, countryShortName: 'US' };
    if (item.company) values.company = item.company;
    if (item.status) values.status = { label: item.status };
    if (presetLeadId) values.salesforce_id = presetLeadId;
    this.items.push(item);
    return { kind: 'create', item, activity: { action: 'create_item', boardId: BOARD, name: item.name, columnValues: values }, apply: () => undefined };
  }

  /** Any event on a live item not in `busy` (one event per item per round keeps per-item order). */
  edit(busy: Set<string>): Step | undefined {
    const candidates = this.live().filter((i) => !busy.has(i.id));
    if (candidates.length === 0) return undefined;
    const item = this.pick(candidates);
    const on = { boardId: BOARD, itemId: item.id };
    const r = this.rand();
    this.changes += 1;
    const change = (columnId: string, value: unknown, kind: Step['kind'], apply: (i: Item) => void): Step => ({ kind, item, activity: { action: 'change_column_value', ...on, columnId, value }, apply });
    if (r < 0.12) {
      const email = this.rand() < 0.2 && item.email ? null : `${item.name.split(' ')[0].toLowerCase()}.${this.changes}@example.org`;
      return change('email', email ? { email, text: item.name } : null, 'update', (i) => (i.email = email));
    }
    if (r < 0.2) {
      const phone = this.rand() < 0.2 && item.phone ? null : `+1555${String(3_000_000 + this.changes).slice(-7)}`;
      return change('phone', phone ? { phone, countryShortName: 'US' } : null, 'update', (i) => (i.phone = phone));
    }
    if (r < 0.3) {
      const company = this.rand() < 0.15 && item.company ? null : this.pick(COMPANIES.filter((c) => c !== item.company));
      return change('company', company, 'update', (i) => (i.company = company));
    }
    if (r < 0.4) {
      const dealValue = item.dealValue + 500 * (1 + Math.floor(this.rand() * 10));
      return change('deal_value', String(dealValue), 'unsynced', (i) => (i.dealValue = dealValue));
    }
    if (r < 0.75) {
      const status = this.rand() < 0.35 && item.status !== 'Qualified' ? 'Qualified' : this.pick(STATUSES.filter((s) => s !== item.status && s !== 'Qualified'));
      return change('status', { label: status }, 'status', (i) => {
        i.status = status;
        if (status === 'Qualified') qualify(i);
        else if (i.converted) i.converted.opportunity.StageName = STAGE[status];
      });
    }
    if (r < 0.9) {
      let name = this.person();
      while (name === item.name) name = this.person();
      return { kind: 'rename', item, activity: { action: 'change_name', ...on, name }, apply: (i) => (i.name = name) };
    }
    return { kind: 'delete', item, activity: { action: 'delete_item', ...on }, apply: (i) => (i.deleted = true) };
  }

  /** Up to `size` steps on distinct items: creates while few items live, else edits (with a create now and then). */
  round(size: number, remaining: number, presetLead: () => string | undefined): Step[] {
    const steps: Step[] = [];
    const busy = new Set<string>();
    while (steps.length < Math.min(size, remaining)) {
      const step = this.live().length - busy.size < 3 || this.rand() < 0.18 ? this.create(this.items.length % 6 === 5 ? presetLead() : undefined) : this.edit(busy);
      if (!step) break;
      if (step.item?.id) busy.add(step.item.id);
      steps.push(step);
    }
    return steps;
  }
}
