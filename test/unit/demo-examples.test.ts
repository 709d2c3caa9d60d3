/**
 * `npm start` deploys every example at once: the main flows first, and no two running nodes holding the
 * same HTTP route or the same monday board's webhooks (a later per-node example's node is disabled).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { claimsOf, exampleFiles, mergeExamples } from '../../scripts/demo/examples.mjs';
import { NODES, ROOT } from '../helpers/package-facts';

const nodeNames = NODES.map((n) => n.name);
const examplesDir = path.join(ROOT, 'examples');

function tempExamples(files: Record<string, unknown[]>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-sync-examples-'));
  for (const [name, nodes] of Object.entries(files)) fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(nodes));
  return dir;
}

describe('the demo deploys all examples together', () => {
  it('puts the main flows (files not named after a node) before the per-node examples', () => {
    const perNode = exampleFiles(examplesDir, nodeNames).map((f) => nodeNames.includes(path.basename(f, '.json')));
    assert.ok(perNode.includes(false), 'no main example flow');
    assert.ok(!perNode.includes(true) || perNode.lastIndexOf(false) < perNode.indexOf(true), 'a main flow after a per-node example');
  });

  it('never disables a node of a main flow, and leaves no two running nodes on one route or board', () => {
    const { flows, notes } = mergeExamples(examplesDir, nodeNames);
    assert.deepEqual(notes.filter((n) => !nodeNames.includes(n.example)), [], 'main flows clash with each other');
    const disabledTabs = new Set(flows.filter((n) => n.type === 'tab' && n.disabled).map((n) => n.id));
    const seen = new Map<string, string>();
    for (const node of flows.filter((n) => !n.d && !disabledTabs.has(String(n.z)))) {
      for (const c of claimsOf(node)) {
        assert.ok(!seen.has(c.key), `${c.what} is held by ${seen.get(c.key)} and ${node.id}`);
        seen.set(c.key, node.id);
      }
    }
  });

  it('disables the later of two nodes on the same webhook path or board, with a note on its tab', () => {
    const dir = tempExamples({
      'Main flow': [{ id: 'a', type: 'crm-monday-in', mode: 'webhook', path: '/monday/leads', manageWebhooks: true, boardId: '1800000001', x: 1, y: 1, wires: [] }],
      'monday-in': [
        { id: 'b', type: 'crm-monday-in', name: 'same path', mode: 'webhook', path: 'monday/leads', x: 1, y: 1, wires: [] },
        { id: 'c', type: 'crm-monday-in', name: 'same board', mode: 'webhook', path: '/other', manageWebhooks: true, boardId: '1800000001', x: 1, y: 1, wires: [] },
        { id: 'd', type: 'http in', name: 'free route', method: 'post', url: '/elsewhere', x: 1, y: 1, wires: [] },
      ],
    });
    try {
      const { flows, notes } = mergeExamples(dir, ['monday-in']);
      const byName = (name: string) => flows.find((n) => n.name === name)!;
      assert.equal(flows.find((n) => n.type === 'tab')!.label, 'Main flow');
      assert.equal(byName('same path').d, true);
      assert.equal(byName('same board').d, true);
      assert.equal(byName('free route').d, undefined);
      assert.deepEqual(notes.map((n) => [n.example, n.node, n.what, n.heldBy]), [
        ['monday-in', 'same path', 'the webhook path /monday/leads', 'Main flow'],
        ['monday-in', 'same board', 'the webhooks of monday board 1800000001', 'Main flow'],
      ]);
      const tab = flows.find((n) => n.type === 'tab' && n.label === 'monday-in')!;
      assert.match(String(tab.info), /"same path" is disabled: the webhook path \/monday\/leads belongs to the flow "Main flow"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
