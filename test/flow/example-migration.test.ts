/**
 * The "Salesforce to Monday migration" example, end to end: 5,000 Salesforce Leads become 5,000 monday
 * items with no duplicates, even when Node-RED is killed (SIGKILL, not a polite stop) halfway and the
 * migration is started again. The twins and the PostgreSQL database live in this process so they
 * outlast the killed one; the first run happens in a child process (test/helpers/flow-child.ts).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type * as Testing from '../../src/testing';
import { startSandbox } from '../../src/sandbox';
import type { Sandbox } from '../../src/sandbox';
import { createTempDatabase } from '../helpers/postgres';
import type { TempDatabase } from '../helpers/postgres';

const { startFlowTest } = require('@crm-sync/node-red-crm-sync/testing') as typeof Testing;

const FLOW = 'Salesforce to Monday migration';
const LEADS = 5000;
const CHAT = 123456789;
// A 1-second complexity window on both sides (twin and client): the budget paces the writes without a minute's wait.
const WINDOW_MS = 1000;
const settings = { crmSyncMonday: { windowMs: WINDOW_MS } };

describe('example: Salesforce to Monday migration', () => {
  let sandbox: Sandbox;
  let db: TempDatabase;
  let t: Testing.FlowTest | undefined;

  before(async () => {
    sandbox = await startSandbox({
      salesforce: { seed: { leads: LEADS } },
      monday: { leads: 0, complexityWindowMs: WINDOW_MS },
      telegram: { limits: false },
    });
    db = await createTempDatabase('crm_migration');
  });
  after(async () => {
    await t?.stop();
    await sandbox?.stop();
    await db?.drop();
  });

  const board = () => {
    const store = sandbox.handles.monday!.store;
    return store.activeItems(store.board(sandbox.monday!.leadsBoardId));
  };
  const salesforceIdOf = (item: ReturnType<typeof board>[number]) => item.values.get('salesforce_id')?.text || null;

  /** The first run, in a child process, killed once some hundreds of items exist. */
  async function runAndKill(minItems: number): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../helpers/flow-child.ts'), JSON.stringify({ flow: FLOW, sandbox: sandbox.toJSON(), databaseUrl: db.url, settings, inject: 'start migration' })], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      const deadline = Date.now() + 90_000;
      while (board().length < minItems) {
        if (child.exitCode !== null) throw new Error(`the first run ended by itself: ${err}`);
        if (Date.now() > deadline) throw new Error(`only ${board().length} items after 90 s: ${err}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const userDir = (JSON.parse(out.split('\n')[0] || '{}') as { userDir?: string }).userDir;
    if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
  }

  it('5,000 leads → 5,000 items with no duplicates; killed midway and rerun → still 5,000', { timeout: 200_000 }, async () => {
    const leads = sandbox.handles.salesforce!.records('Lead');
    assert.equal(leads.length, LEADS);
    // Someone already put one of the leads on the board by hand (same e-mail, no Salesforce Id): it must be linked, not created again.
    const typed = leads[42];
    const store = sandbox.handles.monday!.store;
    const byHand = store.createItem(sandbox.monday!.leadsBoardId, `${typed.FirstName} ${typed.LastName}`, undefined, JSON.stringify({ email: { email: typed.Email, text: typed.Email } }), { createLabels: false, userId: '54012345' });

    await runAndKill(600);
    const afterKill = board().length;
    assert.ok(afterKill >= 600 && afterKill < LEADS, `killed midway (${afterKill} items)`);

    t = await startFlowTest({ flow: FLOW, sandbox, database: { url: db.url }, settings });
    await t.inject('start migration');
    const summary = await t.waitFor(() => t!.outputs('page finished?', 1)[0], { timeoutMs: 150_000, what: 'the migration summary' });
    await t.idle({ timeoutMs: 30_000 });

    // The board: exactly one item per lead, every Lead Id once.
    const items = board();
    assert.equal(items.length, LEADS);
    const ids = items.map(salesforceIdOf).filter((id): id is string => id !== null);
    assert.equal(ids.length, LEADS - 1, 'every created item carries its Lead Id');
    assert.equal(new Set(ids).size, ids.length, 'no Lead Id twice');
    assert.deepEqual(new Set([...ids, typed.Id]), new Set(leads.map((l) => l.Id)));

    // The id map: every lead linked to its item; the hand-made item to the lead it duplicates.
    const links = await t.query<{ salesforce: string; monday: string }>(
      `SELECT s.record_id AS salesforce, m.record_id AS monday FROM crm_sync.id_map s JOIN crm_sync.id_map m ON m.link_id = s.link_id AND m.system = 'monday'
       WHERE s.entity = 'lead' AND s.system = 'salesforce'`,
    );
    assert.equal(links.length, LEADS);
    const itemOf = new Map(links.map((l) => [l.salesforce, l.monday]));
    for (const item of items) {
      if (item.id === byHand.id) continue;
      assert.equal(itemOf.get(salesforceIdOf(item)!), item.id);
    }
    assert.equal(itemOf.get(String(typed.Id)), byHand.id);

    // The rerun counted every lead once: the ones the killed run had finished are skipped.
    const m = summary.migration as Record<string, number>;
    assert.equal(m.failed, 0);
    assert.equal(m.handled, m.created + m.skipped + m.duplicates);
    assert.ok(m.handled < LEADS, 'the rerun resumed after the pages the killed run had finished');
    assert.ok(m.skipped + m.duplicates > 1, 'the rerun met leads the killed run had put on the board, and did not create them again');
    const rows = await t.query<{ n: string }>("SELECT count(DISTINCT record_id) AS n FROM crm_sync.sync_log WHERE status <> 'failed' AND object = 'lead'");
    assert.equal(Number(rows[0].n), LEADS, 'every lead has a log row');
    assert.equal((await t.rows('sync_log', { status: 'failed' })).length, 0);
    assert.equal((await t.rows('sync_log', { record_id: String(typed.Id), event: 'linked_duplicate' })).length, 1);

    // Progress in the status, the summary in Telegram, no errors.
    assert.match(t.statuses('page finished?').at(-1)?.text ?? '', /^migrated \d+ of \d+: /);
    const [sent] = sandbox.handles.telegram!.messages(CHAT).slice(-1);
    assert.match(sent.text, /lead migration finished[^]*\d+ created, \d+ skipped \(already migrated\), \d+ duplicates, 0 failed/);
    assert.deepEqual(t.logs('error'), []);
  });
});

describe('example: Salesforce to Monday migration, refusals and errors', () => {
  let sandbox: Sandbox;
  let db: TempDatabase;
  let t: Testing.FlowTest | undefined;
  let broken: string;

  before(async () => {
    sandbox = await startSandbox({ salesforce: { seed: { leads: 30 } }, monday: { leads: 3 }, telegram: { limits: false } });
    [broken] = sandbox.handles.salesforce!.insert('Lead', [{ FirstName: 'Bad', LastName: 'Address', Company: 'Nowhere Ltd', Email: 'not-an-email' }]);
    db = await createTempDatabase('crm_migration_errors');
    t = await startFlowTest({ flow: FLOW, sandbox, database: { url: db.url }, settings });
  });
  after(async () => {
    await t?.stop();
    await sandbox?.stop();
    await db?.drop();
  });

  it('a lead the mapper refuses is logged as failed, never lost; the summary says so; a second run finds nothing new', async () => {
    await t!.inject('start migration');
    const summary = await t!.waitFor(() => t!.outputs('page finished?', 1)[0], { timeoutMs: 30_000, what: 'the summary' });
    await t!.idle();
    assert.deepEqual({ ...summary.migration }, { total: 31, handled: 31, created: 30, skipped: 0, duplicates: 0, failed: 1 });
    const items = sandbox.handles.monday!.store.activeItems(sandbox.handles.monday!.store.board(sandbox.monday!.leadsBoardId));
    assert.equal(items.length, 3 + 30, 'the board kept its own items');
    const [row] = await t!.rows('sync_log', { status: 'failed' });
    assert.equal(row.record_id, broken);
    assert.match(row.message, /email/i);
    const [alert] = sandbox.handles.telegram!.messages(CHAT).slice(-1);
    assert.match(alert.text, /^warning[^]*30 created, 0 skipped \(already migrated\), 0 duplicates, 1 failed/);
    assert.equal(t!.statuses('page finished?').at(-1)?.fill, 'yellow');

    await t!.inject('start migration');
    const again = await t!.waitFor(() => t!.outputs('page finished?', 1)[1], { timeoutMs: 30_000, what: 'the second summary' });
    await t!.idle();
    assert.equal(again.migration.handled, 0, 'the saved cursor is after the last page');
    assert.equal(sandbox.handles.monday!.store.activeItems(sandbox.handles.monday!.store.board(sandbox.monday!.leadsBoardId)).length, 33);
  });

  it('an error stops the run and reaches error_log and the ops chat', async () => {
    sandbox.handles.salesforce!.setFaults({ script: [{ kind: 'error', status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.', family: 'query' }] });
    sandbox.handles.salesforce!.insert('Lead', [{ LastName: 'Later', Company: 'Late Ltd', Email: 'later@late.example' }]);
    await t!.inject('start migration');
    const caught = await t!.waitFor(() => t!.outputs('migration errors')[0], { timeoutMs: 30_000, what: 'the caught error' });
    await t!.idle();
    assert.equal(caught.error.source.name, 'Leads');
    const [logged] = await t!.rows('error_log');
    assert.equal(logged.node_name, 'Leads');
    const [alert] = sandbox.handles.telegram!.messages(CHAT).slice(-1);
    assert.match(alert.text, /^error[^]*lead migration stopped/);
  });
});
