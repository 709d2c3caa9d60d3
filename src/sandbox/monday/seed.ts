import type { BoardRec, ColumnRec, GroupRec } from './model';
import type { MondayStore } from './store';
import { mulberry32 } from '../../core/prng';

export const SEED_USERS = [
  { id: '54012345', name: 'Twin Admin', email: 'admin@twin.example', title: 'Sales ops', isAdmin: true },
  { id: '54012346', name: 'Dana Seller', email: 'dana@twin.example', title: 'Account executive', isAdmin: false },
  { id: '54012347', name: 'Omar Closer', email: 'omar@twin.example', title: 'Account executive', isAdmin: false },
];

export const LEAD_STATUSES = ['Follow-up', 'Quote', 'MOU', 'Qualified', 'Lost'];

const STATUS_COLORS = [
  { color: '#fdab3d', border: '#e99729', var_name: 'orange' },
  { color: '#579bfc', border: '#4387e8', var_name: 'bright-blue' },
  { color: '#a25ddc', border: '#9048c6', var_name: 'purple' },
  { color: '#00c875', border: '#00b461', var_name: 'green-shadow' },
  { color: '#e2445c', border: '#ce3048', var_name: 'red-shadow' },
];

export type ColumnSpec = Omit<ColumnRec, 'description' | 'settings'> & { settings?: Record<string, unknown> };

export function statusSettings(labels: string[], doneIndex?: number): Record<string, unknown> {
  return {
    labels: Object.fromEntries(labels.map((l, i) => [String(i), l])),
    labels_colors: Object.fromEntries(labels.map((_, i) => [String(i), STATUS_COLORS[i % STATUS_COLORS.length]])),
    done_colors: doneIndex === undefined ? [] : [doneIndex],
  };
}

export function addBoard(store: MondayStore, name: string, columns: ColumnSpec[], groups: Array<Pick<GroupRec, 'id' | 'title'>>): BoardRec {
  const board: BoardRec = {
    id: store.nextId(), name, description: null, workspaceId: '7000001', ownerId: SEED_USERS[0].id, itemIds: [],
    columns: [{ id: 'name', title: 'Name', type: 'name', settings: {}, description: null }, ...columns.map((c) => ({ description: null, settings: {}, ...c }))],
    groups: groups.map((g, i) => ({ ...g, color: STATUS_COLORS[i % STATUS_COLORS.length].color, position: String(65536 * (i + 1)) })),
  };
  store.boards.set(board.id, board);
  return board;
}

export function seedAccount(store: MondayStore): void {
  for (const u of SEED_USERS) store.users.set(u.id, u);
  ['hot', 'enterprise', 'renewal', 'partner'].forEach((t, i) => store.tags.set(9001 + i, t));
}

/** The CRM board a sync flow works against. */
export function addLeadsBoard(store: MondayStore): BoardRec {
  return addBoard(
    store,
    'Leads',
    [
      { id: 'status', title: 'Status', type: 'status', settings: statusSettings(LEAD_STATUSES, 3) },
      { id: 'email', title: 'Email', type: 'email' },
      { id: 'phone', title: 'Phone', type: 'phone' },
      { id: 'company', title: 'Company', type: 'text' },
      { id: 'owner', title: 'Owner', type: 'people' },
      { id: 'deal_value', title: 'Deal value', type: 'numbers', settings: { unit: { symbol: '$', direction: 'left' } } },
      { id: 'close_date', title: 'Close date', type: 'date' },
      { id: 'salesforce_id', title: 'Salesforce ID', type: 'text' },
    ],
    [
      { id: 'topics', title: 'New leads' },
      { id: 'group_active', title: 'Active' },
      { id: 'group_closed', title: 'Closed' },
    ],
  );
}

/**
 * The Contacts board the bidirectional example keeps in step with Salesforce Contacts. It starts
 * empty: that flow's first Salesforce read fills it.
 */
export function addContactsBoard(store: MondayStore): BoardRec {
  return addBoard(
    store,
    'Contacts',
    [
      { id: 'email', title: 'Email', type: 'email' },
      { id: 'phone', title: 'Phone', type: 'phone' },
      { id: 'title', title: 'Title', type: 'text' },
      { id: 'city', title: 'City', type: 'text' },
      { id: 'salesforce_id', title: 'Salesforce ID', type: 'text' },
    ],
    [{ id: 'topics', title: 'Contacts' }],
  );
}

/** One column of every writable type, for round-trip tests and demos of each column codec. */
export function addAllColumnsBoard(store: MondayStore): BoardRec {
  const types = ['status', 'dropdown', 'people', 'date', 'numbers', 'text', 'long_text', 'email', 'phone', 'link', 'checkbox', 'board_relation', 'tags', 'timeline', 'hour', 'country', 'location', 'rating'];
  const settings: Record<string, Record<string, unknown>> = {
    status: statusSettings(['Working on it', 'Done', 'Stuck'], 1),
    dropdown: { labels: [{ id: 1, name: 'Cookie' }, { id: 2, name: 'Cupcake' }, { id: 3, name: 'Brownie' }] },
    rating: { max: 5 },
  };
  const read = [{ id: 'formula', title: 'Formula', type: 'formula' }, { id: 'item_id', title: 'Item ID', type: 'item_id' }];
  return addBoard(store, 'All column types', [...types.map((t) => ({ id: t, title: t, type: t, settings: settings[t] })), ...read], [{ id: 'topics', title: 'Group Title' }]);
}

/** What monday makes for a board's first subitem: a hidden board with a few default columns. */
export function addSubitemsBoard(store: MondayStore, parent: BoardRec): BoardRec {
  const board = addBoard(
    store,
    `Subitems of ${parent.name}`,
    [
      { id: 'status', title: 'Status', type: 'status', settings: statusSettings(['Working on it', 'Done', 'Stuck'], 1) },
      { id: 'owner', title: 'Owner', type: 'people' },
      { id: 'date0', title: 'Date', type: 'date' },
    ],
    [{ id: 'topics', title: 'Subitems' }],
  );
  board.parentBoardId = parent.id;
  return board;
}

const prng = mulberry32;

const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elif', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Luca'];
const LAST = ['Novak', 'Okafor', 'Park', 'Quinn', 'Rossi', 'Silva', 'Tanaka', 'Ueda', 'Varga', 'Weber'];
const COMPANIES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries', 'Wayne Enterprises', 'Soylent', 'Tyrell', 'Cyberdyne'];
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The column_values of generated lead `i` (same seed, same leads). */
export function generateLead(i: number, seed = 42): { name: string; groupId: string; values: Record<string, unknown> } {
  const r = prng(seed * 100_003 + i);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)];
  const first = pick(FIRST);
  const last = pick(LAST);
  const company = pick(COMPANIES);
  const status = LEAD_STATUSES[i % LEAD_STATUSES.length];
  const sfid = `00Q${Array.from({ length: 12 }, () => pick([...B62])).join('')}`;
  const day = new Date(Date.UTC(2026, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
  return {
    name: `${first} ${last}`,
    groupId: status === 'Lost' || status === 'Qualified' ? 'group_closed' : i % 3 === 0 ? 'topics' : 'group_active',
    values: {
      status: { label: status },
      email: { email: `${first}.${last}.${i}@${company.replace(/\W/g, '').toLowerCase()}.example`.toLowerCase(), text: `${first} ${last}` },
      phone: { phone: `+1555${String(1_000_000 + i).slice(-7)}`, countryShortName: 'US' },
      company,
      owner: { personsAndTeams: [{ id: Number(SEED_USERS[i % SEED_USERS.length].id), kind: 'person' }] },
      deal_value: String(Math.round(r() * 200) * 500),
      close_date: { date: day },
      salesforce_id: sfid,
    },
  };
}

export function generateLeads(store: MondayStore, board: BoardRec, count: number, seed = 42): void {
  for (let i = 1; i <= count; i += 1) {
    const lead = generateLead(i, seed);
    store.createItem(board.id, lead.name, lead.groupId, lead.values, { createLabels: false, userId: SEED_USERS[0].id });
  }
}
