// `npm start`: the product running locally. API twins (seeded) + Node-RED on http://127.0.0.1:1880 (PORT
// overrides) with its own user directory .demo/, this package installed there, the example flows deployed
// with their config nodes pointed at the twins and the embedded PostgreSQL (or DATABASE_URL), and a
// simulator playing monday users so the real-time flows have something to do.
// A second start keeps .demo/ (your flows and data) and only re-points the config nodes;
// DEMO_RESET=1 replaces the flows with the examples again. DEMO_SIMULATOR=0: no simulated users.
import fs from 'node:fs';
import path from 'node:path';
import { mergeExamples } from './demo/examples.mjs';
import { patchFlows } from './demo/patches.mjs';
import { startSimulator } from './demo/simulator.mjs';
import { startTwins } from './demo/twins.mjs';
import { PACKAGE, ROOT, adminApi, deployFlows, prepareUserDir, startNodeRed } from './lib/node-red.mjs';

const demoDir = path.join(ROOT, '.demo');
const port = Number(process.env.PORT || 1880);
const simulate = process.env.DEMO_SIMULATOR !== '0';
const intervalS = Number(process.env.DEMO_SIMULATOR_INTERVAL || 5);
const started = Date.now();

function hasSavedFlows() {
  try {
    return JSON.parse(fs.readFileSync(path.join(demoDir, 'flows.json'), 'utf8')).length > 0;
  } catch {
    return false;
  }
}

/** The example flows, main flows first; nodes that would clash with a main flow are disabled and said so. */
function exampleFlows() {
  const nodeNames = Object.values(PACKAGE['node-red'].nodes).map((f) => path.basename(f, '.js'));
  const { flows, notes } = mergeExamples(path.join(ROOT, 'examples'), nodeNames);
  for (const n of notes) console.log(`demo: "${n.node}" in ${n.example} is disabled: ${n.what} belongs to "${n.heldBy}"`);
  return flows;
}

let sandbox;
let red;
let simulator;
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('demo: stopping…');
  await simulator?.stop();
  await red?.stop();
  await sandbox?.stop();
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const firstRun = process.env.DEMO_RESET === '1' || !hasSavedFlows();
  sandbox = await startTwins(ROOT);
  for (const [name, info] of Object.entries(sandbox.twins)) console.log(`demo: ${name} twin on ${info.url}`);

  prepareUserDir(demoDir, { persistContext: true });
  // Safe mode: saved flows wait for the deploy below, so they never start against the last run's twins.
  red = await startNodeRed({ userDir: demoDir, port, echo: true, timeoutMs: 60000, safe: true });
  red.exited.then(() => {
    if (!stopping) {
      console.error('demo: Node-RED exited');
      void stopAll(1);
    }
  });

  // Node-RED's own address, for monday in's managed webhooks.
  const ctx = { twins: sandbox.twins, databaseUrl: process.env.DATABASE_URL, nodeRedUrl: red.url };
  const flows = firstRun ? exampleFlows() : await adminApi(red.url, '/flows');
  await deployFlows(red.url, patchFlows(flows, ctx));
  const tabs = flows.filter((n) => n.type === 'tab').length;
  console.log(firstRun ? `demo: deployed the example flows (${tabs} tabs, ${flows.length} nodes)` : 'demo: kept your flows in .demo/, re-pointed their config nodes at the twins');
  if (simulate) {
    simulator = await startSimulator({ twins: sandbox.twins, intervalMs: intervalS * 1000 }).catch((err) => {
      console.warn(`demo: no simulated users: ${err.message}`);
    });
    if (simulator) console.log(`demo: simulating monday users: one edit every ${intervalS} s (DEMO_SIMULATOR=0 turns this off)`);
  }
  console.log(`\n  Node-RED editor: ${red.url}/   (ready after ${Math.round((Date.now() - started) / 1000)} s; Ctrl-C stops everything)\n`);
}

main().catch((err) => {
  console.error(`demo: ${err.stack ?? err}`);
  void stopAll(1);
});
