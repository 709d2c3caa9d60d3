import { prng } from './prng';
import { LEAD_SOURCES, LEAD_STATUSES, STAGES } from './schema';
import type { SfRecord, Store } from './store';

export interface SeedOptions {
  /** PRNG seed: the same seed and counts always give the same records (default 42). */
  seed?: number;
  accounts?: number;
  contacts?: number;
  leads?: number;
  opportunities?: number;
  /** Extra users who own records besides the demo user (default 3). */
  owners?: number;
}

const FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Lucas', 'Mia', 'Mateo', 'Amelia', 'Hiroshi', 'Priya', 'Chen', 'Fatima', 'Jonas', 'Ingrid', 'Diego', 'Aisha', 'Tomasz', 'Chloé', 'Björn', 'Zoë', 'Nikolai'];
const LAST = ['Smith', 'Johnson', 'Garcia', 'Müller', 'Nguyen', 'Kowalski', 'Rossi', 'Tanaka', 'Patel', 'Okafor', 'Andersson', "O'Brien", 'Dubois', 'Silva', 'Novak', 'Hansen', 'López', 'Schmidt', 'Kim', 'Cohen'];
const COMPANY_A = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Blue Yonder', 'Litware', 'Proseware', 'Adventure Works', 'Wingtip', 'Lucerne'];
const COMPANY_B = ['Industries', 'Corp', 'Ltd', 'GmbH', 'Labs', 'Systems', 'Logistics', 'Partners', 'Holdings', 'Analytics'];
const TITLES = ['CEO', 'CTO', 'VP Sales', 'Head of Operations', 'Procurement Manager', 'Marketing Director', 'IT Manager', 'Office Manager'];
const CITIES: Array<[string, string, string]> = [
  ['Berlin', 'Germany', '+49 30'], ['London', 'United Kingdom', '+44 20'], ['New York', 'United States', '+1 212'],
  ['Paris', 'France', '+33 1'], ['Tokyo', 'Japan', '+81 3'], ['Toronto', 'Canada', '+1 416'], ['Madrid', 'Spain', '+34 91'], ['Warsaw', 'Poland', '+48 22'],
];
const INDUSTRIES = ['Banking', 'Consulting', 'Energy', 'Healthcare', 'Manufacturing', 'Retail', 'Technology'];

/** The demo user every session runs as; always the first record of the org. */
export function seedDemoUser(store: Store, username: string): SfRecord {
  const def = store.object('User')!;
  const user = store.insert(def, { Username: username, FirstName: 'Dana', LastName: 'Demo', Email: username, Alias: 'ddemo', IsActive: true }, '');
  Object.assign(user, { CreatedById: user.Id, LastModifiedById: user.Id });
  return user;
}

function ascii(s: string): string {
  return s.normalize('NFD').replace(/[^a-zA-Z]/g, '').toLowerCase();
}

/** Deterministic demo data: realistic names, companies, e-mails, phones and owners, from a seeded PRNG. */
export function seedData(store: Store, demoUserId: string, options: SeedOptions): void {
  const rand = prng(options.seed ?? 42);
  const pickOne = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
  const owners = [demoUserId];
  for (let i = 0; i < (options.owners ?? 3); i++) {
    const first = pickOne(FIRST);
    const last = pickOne(LAST);
    const username = `${ascii(first)}.${ascii(last)}${i}@crm-sync.example`;
    owners.push(store.insert(store.object('User')!, { Username: username, FirstName: first, LastName: last, Email: username, Alias: ascii(first).slice(0, 8), IsActive: true }, demoUserId).Id as string);
  }
  const person = () => {
    const first = pickOne(FIRST);
    const last = pickOne(LAST);
    const [city, country, prefix] = pickOne(CITIES);
    return { first, last, city, country, phone: `${prefix} ${digits(3)} ${digits(4)}` };
  };
  const company = () => `${pickOne(COMPANY_A)} ${pickOne(COMPANY_B)}`;
  const domain = (c: string) => `${ascii(c.split(' ')[0])}${ascii(c.split(' ').slice(1).join(''))}.example`;
  const insert = (object: string, values: SfRecord) => store.insert(store.object(object)!, { OwnerId: pickOne(owners), ...values }, demoUserId).Id as string;

  const accounts: string[] = [];
  for (let i = 0; i < (options.accounts ?? 0); i++) {
    const name = company();
    const [city, country, prefix] = pickOne(CITIES);
    accounts.push(insert('Account', {
      Name: name, Industry: pickOne(INDUSTRIES), Type: pickOne(['Prospect', 'Customer - Direct', 'Partner']),
      Phone: `${prefix} ${digits(3)} ${digits(4)}`, Website: `https://www.${domain(name)}`, BillingCity: city, BillingCountry: country,
      NumberOfEmployees: 5 + Math.floor(rand() * 5000), AnnualRevenue: Math.round(rand() * 5e7),
    }));
  }
  for (let i = 0; i < (options.contacts ?? 0); i++) {
    const p = person();
    const accountId = accounts.length ? pickOne(accounts) : null;
    insert('Contact', {
      FirstName: p.first, LastName: p.last, AccountId: accountId, Title: pickOne(TITLES),
      Email: `${ascii(p.first)}.${ascii(p.last)}${i}@${accountId ? 'client' : 'mail'}.example`, Phone: p.phone, MailingCity: p.city, MailingCountry: p.country,
      LeadSource: pickOne(LEAD_SOURCES),
    });
  }
  for (let i = 0; i < (options.leads ?? 0); i++) {
    const p = person();
    const c = company();
    insert('Lead', {
      FirstName: p.first, LastName: p.last, Company: c, Title: pickOne(TITLES), Email: `${ascii(p.first)}.${ascii(p.last)}${i}@${domain(c)}`,
      Phone: p.phone, City: p.city, Country: p.country, Status: pickOne(LEAD_STATUSES.slice(0, 2)), LeadSource: pickOne(LEAD_SOURCES),
      Industry: pickOne(INDUSTRIES), Rating: pickOne(['Hot', 'Warm', 'Cold']), HasOptedOutOfEmail: rand() < 0.1,
    });
  }
  for (let i = 0; i < (options.opportunities ?? 0); i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * 365) * 86400000).toISOString().slice(0, 10);
    insert('Opportunity', {
      Name: `${company()} - ${pickOne(['Renewal', 'Expansion', 'New Business', 'Pilot'])}`, AccountId: accounts.length ? pickOne(accounts) : null,
      StageName: pickOne(STAGES), CloseDate: day, Amount: Math.round(rand() * 200) * 500, Probability: Math.round(rand() * 10) * 10,
    });
  }
}
