// `npm start`: the product running locally. API twins + Node-RED on http://127.0.0.1:1880 (PORT overrides)
// with its own user directory .demo/, this package installed there, and the example flows deployed with
// their config nodes pointed at the twins and the embedded PostgreSQL (or DATABASE_URL).
// A second start keeps .demo/ (your flows and data) and only re-points the config nodes;
// DEMO_RESET=1 replaces the flows with the examples again.
import fs from 'node:fs';
import path from 'node:path';
import { mergedExamples } from './demo/examples.mjs';
import { patchFlows } from './demo/patches.mjs';
import { startTwins } from './demo/twins.mjs';
import { ROOT, adminApi, deployFlows, prepareUserDir, startNodeRed } from './lib/node-red.mjs';

const demoDir = path.join(ROOT, '.demo');
const port = Number(process.env.PORT || 1880);

function savedFlows() {
  const file = path.join(demoDir, 'flows.json');
  if (!fs.existsSync(file)) return [];
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
}

let sandbox;
let red;
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('demo: stopping…');
  await red?.stop();
  await sandbox?.stop();
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const firstRun = process.env.DEMO_RESET === '1' || savedFlows().length === 0;
  sandbox = await startTwins(ROOT);
  for (const [name, info] of Object.entries(sandbox.twins)) console.log(`demo: ${name} twin on ${info.url}`);

  prepareUserDir(demoDir);
  red = await startNodeRed({ userDir: demoDir, port, echo: true, timeoutMs: 60000 });
  red.exited.then(() => {
    if (!stopping) {
      console.error('demo: Node-RED exited');
      void stopAll(1);
    }
  });

  const ctx = { twins: sandbox.twins, databaseUrl: process.env.DATABASE_URL, nodeRedUrl: red.url };
  const flows = firstRun ? mergedExamples(path.join(ROOT, 'examples')) : await adminApi(red.url, '/flows');
  await deployFlows(red.url, patchFlows(flows, ctx));
  console.log(firstRun ? `demo: deployed the example flows (${flows.length} nodes)` : 'demo: kept your flows in .demo/, re-pointed their config nodes');
  console.log(`\n  Node-RED editor: ${red.url}/   (Ctrl-C stops everything)\n`);
}

main().catch((err) => {
  console.error(`demo: ${err.stack ?? err}`);
  void stopAll(1);
});
