// The demo's "users": every few seconds one edit in monday through the twin's POST /__twin/activity (as a
// person in monday's UI, so webhooks fire and the real-time flows run), on the Leads board (new leads,
// status Follow-up → Quote → MOU → Qualified, renames, now and then a delete) and, when the twin has one,
// the Contacts board; plus now and then a Salesforce Contact edited through the twin's REST API.
// One short line per action. The board is read once at start (and now and then), not before every action,
// so the simulator barely touches the API budget the flows share.
/* global fetch, URLSearchParams */

const PIPELINE = ['Follow-up', 'Quote', 'MOU', 'Qualified'];
const FIRST = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Tim', 'Barbara', 'Edsger', 'Radia', 'Ken', 'Frances'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Berners-Lee', 'Liskov', 'Dijkstra', 'Perlman', 'Thompson', 'Allen'];
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Northwind', 'Contoso', 'Fabrikam', 'Tailspin'];
const TITLES = ['CEO', 'CTO', 'VP Sales', 'Head of Operations', 'Procurement Manager', 'IT Manager'];
const API_VERSION = '62.0';

const pick = (list, random) => list[Math.floor(random() * list.length)];
const personName = (random) => `${pick(FIRST, random)} ${pick(LAST, random)}`;

async function json(res, what) {
  const body = await res.json().catch(() => ({}));
  if (!res.ok || body.ok === false || body.errors) throw new Error(`${what}: ${body.error?.message ?? body.errors?.[0]?.message ?? body[0]?.message ?? res.status}`);
  return body;
}

/** monday: the twin's activity endpoint for edits, GraphQL (the demo token) to read a board. */
function mondayApi(info) {
  return {
    act: (activity) => fetch(`${info.url}/__twin/activity`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) }).then((r) => json(r, activity.action)),
    async board(boardId) {
      const query = 'query ($b: [ID!]) { boards(ids: $b) { name columns { id title type } items_page(limit: 100) { items { id name column_values { id text } } } } }';
      const res = await fetch(`${info.url}/v2`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: info.token, 'API-Version': info.apiVersion }, body: JSON.stringify({ query, variables: { b: [String(boardId)] } }) });
      const board = (await json(res, 'read board')).data.boards[0];
      if (!board) throw new Error(`board ${boardId} not found`);
      return { name: board.name, columns: board.columns, items: board.items_page.items.map((i) => ({ id: i.id, name: i.name, values: Object.fromEntries(i.column_values.map((c) => [c.id, c.text])) })) };
    },
  };
}

/** Salesforce: an OAuth password login, then REST (query, PATCH). */
function salesforceApi(info) {
  let session;
  const login = async () => {
    const form = new URLSearchParams({ grant_type: 'password', client_id: info.clientId, client_secret: info.clientSecret, username: info.username, password: `${info.password}${info.securityToken ?? ''}` });
    session = await json(await fetch(`${info.loginUrl ?? info.url}/services/oauth2/token`, { method: 'POST', body: form }), 'Salesforce login');
  };
  const call = async (path, init = {}) => {
    if (!session) await login();
    const res = await fetch(`${session.instance_url}/services/data/v${API_VERSION}${path}`, { ...init, headers: { Authorization: `Bearer ${session.access_token}`, 'Content-Type': 'application/json' } });
    if (res.status === 401) session = undefined;
    return res.status === 204 ? {} : json(res, `Salesforce ${init.method ?? 'GET'} ${path.split('?')[0]}`);
  };
  return {
    contacts: async () => (await call(`/query?q=${encodeURIComponent('SELECT Id, FirstName, LastName, Title FROM Contact ORDER BY LastModifiedDate DESC LIMIT 50')}`)).records,
    update: (object, id, fields) => call(`/sobjects/${object}/${id}`, { method: 'PATCH', body: JSON.stringify(fields) }),
  };
}

/** The Leads board's actions; `state.items` mirrors the board as the simulator last saw or changed it. */
function leadsActions(monday, boardId, state, random) {
  const col = (type, title) => state.columns.find((c) => c.type === type && (!title || c.title.toLowerCase() === title))?.id;
  // Leads still moving: no status yet, or in the pipeline short of Qualified ('Lost' ones stay lost).
  const open = () => state.items.filter((i) => !i.values[col('status')] || PIPELINE.slice(0, -1).includes(i.values[col('status')]));
  // Mostly the leads the simulator created (their create event synced them, so updates have a record to
  // land on); the seeded leads only while it has none of its own.
  const mostlyOurs = (items) => (items.some((i) => i.ours) && random() < 0.8 ? items.filter((i) => i.ours) : items);
  const actions = {
    async create() {
      const name = personName(random);
      const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${pick(COMPANIES, random).toLowerCase()}.example`;
      const values = { [col('status')]: { label: PIPELINE[0] }, [col('email')]: { email, text: email }, [col('text', 'company')]: pick(COMPANIES, random) };
      const { item } = await monday.act({ action: 'create_item', boardId, name, columnValues: Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'undefined')) });
      state.items.push({ id: item.id, name: item.name, values: { [col('status')]: PIPELINE[0] }, ours: true });
      return `new lead "${item.name}" on ${state.name}`;
    },
    async advance() {
      const item = pick(mostlyOurs(open()), random);
      if (!item) return actions.create();
      const from = item.values[col('status')];
      const to = PIPELINE[PIPELINE.indexOf(from) + 1] ?? PIPELINE[0];
      await monday.act({ action: 'change_column_value', boardId, itemId: item.id, columnId: col('status'), value: { label: to } });
      item.values[col('status')] = to;
      return `"${item.name}": ${from || 'no status'} → ${to}`;
    },
    async rename() {
      const item = pick(mostlyOurs(state.items), random);
      if (!item) return actions.create();
      const name = `${item.name.split(' ')[0]} ${pick(LAST, random)}`;
      await monday.act({ action: 'change_name', boardId, itemId: item.id, name });
      const line = `renamed "${item.name}" → "${name}"`;
      item.name = name;
      return line;
    },
    async remove() {
      const item = pick(state.items.filter((i) => i.ours), random);
      if (!item) return actions.advance();
      await monday.act({ action: 'delete_item', boardId, itemId: item.id });
      state.items = state.items.filter((i) => i !== item);
      return `deleted "${item.name}" from ${state.name}`;
    },
  };
  return actions;
}

/** Contacts: a new contact now and then (always while the board has few), else a new job title or a rename. */
function contactActions(monday, boardId, state, random) {
  const col = (type, title) => state.columns.find((c) => c.type === type && (!title || title.test(c.title)))?.id;
  const create = async () => {
    const name = personName(random);
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${pick(COMPANIES, random).toLowerCase()}.example`;
    const values = Object.fromEntries([[col('email'), { email, text: email }], [col('text', /title|position|role/i), pick(TITLES, random)]].filter(([k]) => k));
    const { item } = await monday.act({ action: 'create_item', boardId, name, columnValues: values });
    state.items.push({ id: item.id, name: item.name, values: {}, ours: true });
    return `new contact "${item.name}" on ${state.name} (monday)`;
  };
  return {
    async edit() {
      if (state.items.length < 3 || random() < 0.25) return create();
      const item = pick(state.items, random);
      const column = col('text', /title|position|role/i);
      if (!column) {
        const name = `${item.name.split(' ')[0]} ${pick(LAST, random)}`;
        await monday.act({ action: 'change_name', boardId, itemId: item.id, name });
        item.name = name;
        return `renamed contact → "${name}" on ${state.name} (monday)`;
      }
      const title = pick(TITLES, random);
      await monday.act({ action: 'change_column_value', boardId, itemId: item.id, columnId: column, value: title });
      return `contact "${item.name}": ${state.columns.find((c) => c.id === column).title} → ${title} (monday)`;
    },
  };
}

/**
 * Starts the simulator: one action every `intervalMs` (the first after one interval). `twins` is the
 * sandbox's info ({monday, salesforce}). Returns `stop()`, which waits for an action in flight.
 */
export async function startSimulator({ twins, intervalMs = 5000, log = console.log, random = Math.random }) {
  if (!twins.monday?.leadsBoardId) throw new Error('the monday twin is not running');
  const monday = mondayApi(twins.monday);
  const boards = [{ id: twins.monday.leadsBoardId, kind: 'leads' }, ...(twins.monday.contactsBoardId ? [{ id: twins.monday.contactsBoardId, kind: 'contacts' }] : [])];
  const states = new Map();
  // In place: the actions hold on to each board's state object.
  const refresh = async () => {
    for (const b of boards) {
      const board = await monday.board(b.id);
      const old = states.get(b.id);
      const ours = new Set(old?.items.filter((i) => i.ours).map((i) => i.id));
      const next = { ...board, items: board.items.map((i) => ({ ...i, ours: ours.has(i.id) })) };
      if (old) Object.assign(old, next);
      else states.set(b.id, next);
    }
  };
  await refresh();
  const leads = leadsActions(monday, twins.monday.leadsBoardId, states.get(twins.monday.leadsBoardId), random);
  const contacts = twins.monday.contactsBoardId ? contactActions(monday, twins.monday.contactsBoardId, states.get(twins.monday.contactsBoardId), random) : undefined;
  const salesforce = contacts && twins.salesforce ? salesforceApi(twins.salesforce) : undefined;
  const sfEdit = async () => {
    const contact = pick(await salesforce.contacts(), random);
    if (!contact) return 'no Salesforce Contacts to edit';
    const title = pick(TITLES, random);
    await salesforce.update('Contact', contact.Id, { Title: title });
    return `contact "${contact.FirstName} ${contact.LastName}": Title → ${title} (Salesforce)`;
  };
  // Weights: mostly pipeline moves and new leads, a few renames, rarely a delete.
  const menu = [
    [leads.create, 3], [leads.advance, 4], [leads.rename, 1.5], [leads.remove, 0.5],
    ...(contacts ? [[contacts.edit, 1.5]] : []), ...(salesforce ? [[sfEdit, 1]] : []),
  ];
  const total = menu.reduce((s, [, w]) => s + w, 0);
  const choose = () => {
    let r = random() * total;
    return menu.find(([, w]) => (r -= w) < 0)?.[0] ?? menu[0][0];
  };

  let timer;
  let running = Promise.resolve();
  let stopped = false;
  let count = 0;
  const tick = () => {
    running = (async () => {
      count += 1;
      if (count % 30 === 0) await refresh().catch(() => undefined); // flows add and change items too
      const action = choose();
      const line = await action();
      log(`simulator: ${line}`);
    })()
      .catch((err) => log(`simulator: skipped an action (${err.message})`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
