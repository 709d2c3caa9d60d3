/**
 * The demo's simulated users: each action is a real edit on the twins (monday through /__twin/activity,
 * which fires webhooks like a person in monday's UI; Salesforce through REST) and one log line.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulator } from '../../scripts/demo/simulator.mjs';
import { mulberry32 } from '../../src/core/prng';
import { startSandbox } from '../../src/sandbox';
import type { Sandbox } from '../../src/sandbox';

describe('the demo simulator', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({ telegram: false, salesforce: { seed: { contacts: 5, accounts: 2 } }, monday: { leads: 10 } });
  });
  after(() => sandbox.stop());

  it('edits the Leads board along the pipeline, one line per action, and stops cleanly', async () => {
    const lines: string[] = [];
    const monday = sandbox.handles.monday!;
    const before = new Set(monday.store.boards.get(String(sandbox.monday!.leadsBoardId))!.itemIds);
    // Leads only: without a Contacts board the simulator leaves Contacts (and Salesforce) alone.
    const twins = sandbox.toJSON() as Record<string, Record<string, unknown>>;
    const leadsOnly = { ...twins, monday: { ...twins.monday, contactsBoardId: undefined } };
    const sim = await startSimulator({ twins: leadsOnly, intervalMs: 1, log: (l) => lines.push(l), random: mulberry32(3) });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => lines.length >= 40 && (clearInterval(poll), resolve()), 5);
    });
    await sim.stop();
    const count = lines.length;
    assert.deepEqual(lines.filter((l) => !/^simulator: (new lead|renamed|deleted|"[^"]+": .+ → )/.test(l)), []);
    assert.ok(lines.some((l) => l.startsWith('simulator: new lead')) && lines.some((l) => / → (Quote|MOU|Qualified)$/.test(l)));
    assert.ok(!lines.some((l) => /Lost →|Qualified →/.test(l)), 'only open leads move');
    const board = monday.store.boards.get(String(sandbox.monday!.leadsBoardId))!;
    assert.ok(board.itemIds.some((id) => !before.has(id)), 'new items on the board');
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(lines.length, count, 'no action after stop()');
  });

  it('edits Contacts on both sides when the twin has a Contacts board', async () => {
    const twins = sandbox.toJSON() as Record<string, Record<string, unknown>>;
    // Any board with items stands in for the Contacts board here.
    const info = { ...twins, monday: { ...twins.monday, contactsBoardId: twins.monday.leadsBoardId } };
    const lines: string[] = [];
    const sim = await startSimulator({ twins: info, intervalMs: 1, log: (l) => lines.push(l), random: mulberry32(11) });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => lines.filter((l) => l.includes('(Salesforce)')).length >= 2 && (clearInterval(poll), resolve()), 5);
    });
    await sim.stop();
    assert.deepEqual(lines.filter((l) => l.includes('skipped')), []);
    assert.ok(lines.some((l) => /contact .*\(monday\)$/.test(l)), 'a contact changed on monday');
    const edited = sandbox.handles.salesforce!.records('Contact').filter((c) => c.Title && lines.some((l) => l.includes(`Title → ${c.Title} (Salesforce)`)));
    assert.ok(edited.length > 0, 'a Contact got the new title');
  });
});
