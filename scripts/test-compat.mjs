// `npm run test:compat`: the node and flow test layers under Node 22 with Node-RED 5.x (Node-RED 5 needs
// Node >= 22.9). Both come from npm into the git-ignored .compat/ folder, installed once and reused:
// `node@22` ships a Node 22 binary, `node-red@5` the runtime the tests load through NODE_RED_PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const prefix = path.join(root, '.compat');
const WANT = { node: '22', 'node-red': '5' };
const nodeBin = path.join(prefix, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
const redDir = path.join(prefix, 'node_modules', 'node-red');

function installedNodeRed() {
  try {
    return JSON.parse(fs.readFileSync(path.join(redDir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function installedNode() {
  try {
    return execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
  } catch {
    return undefined;
  }
}

const major = (v) => v?.split('.')[0];
const ready = () => major(installedNode()) === WANT.node && major(installedNodeRed()) === WANT['node-red'];

if (!ready()) {
  console.log(`compat: installing node@${WANT.node} and node-red@${WANT['node-red']} into .compat/ (once)…`);
  fs.mkdirSync(prefix, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const specs = Object.entries(WANT).map(([name, v]) => `${name}@${v}`);
  // npm itself runs on this (older) Node, so it warns that node-red@5 wants Node >= 22.9: expected.
  const install = spawnSync(npm, ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--prefer-offline', ...specs], {
    stdio: 'inherit',
    cwd: prefix,
  });
  if (install.status !== 0 || !ready()) {
    console.error(`compat: could not install ${specs.join(' ')} into .compat/ (got node ${installedNode() ?? 'none'}, node-red ${installedNodeRed() ?? 'none'}).`);
    console.error('compat: the `node` package fetches its binary in a preinstall script; make sure npm may run it (see `npm install-scripts ls`).');
    process.exit(1);
  }
}

// The runner spawns process.execPath for the tests, so running it with the Node 22 binary runs them on 22.
// The preload makes node-red-node-test-helper load only this Node-RED (see the file for why).
const redMain = path.join(redDir, JSON.parse(fs.readFileSync(path.join(redDir, 'package.json'), 'utf8')).main);
const preload = path.join(root, 'test', 'helpers', 'node-red-path.cjs');
const env = {
  ...process.env,
  NODE_RED_PATH: redMain,
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(preload)}`.trim(),
  PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`,
};
// Ask the test helper itself which runtime it loaded, through tsx, so a wrong set-up fails here.
const probe = execFileSync(
  nodeBin,
  ['--import', 'tsx', '-e', "const { helper } = require('./test/helpers/red'); console.log(process.version, helper._RED.version())"],
  { cwd: root, env, encoding: 'utf8' },
)
  .trim()
  .split(/\s+/);
console.log(`compat: tests run on Node ${probe[0]} (tsx ok) with Node-RED ${probe[1]} (${path.relative(root, redDir)})`);
if (major(probe[0].replace(/^v/, '')) !== WANT.node || major(probe[1]) !== WANT['node-red']) {
  console.error(`compat: expected Node ${WANT.node}.x and Node-RED ${WANT['node-red']}.x`);
  process.exit(1);
}

const layers = process.argv.slice(2).length ? process.argv.slice(2) : ['node', 'flow'];
const run = spawnSync(nodeBin, [path.join(root, 'scripts', 'run-tests.mjs'), ...layers], { stdio: 'inherit', cwd: root, env });
process.exit(run.status ?? 1);
