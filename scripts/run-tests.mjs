// Runs one layer of the test suite (unit | node | flow | browser) with node's own test runner.
// Node 20's --test takes no globs, so the files are listed here. Tests run one file at a time because
// the flow and browser layers share ports, the database and the twins.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kinds = process.argv.slice(2);
if (kinds.length === 0) kinds.push('unit', 'node', 'flow', 'browser');

function collect(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? collect(path.join(dir, e.name)) : e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : []))
    .sort();
}

const filter = process.env.TEST_FILTER;
const files = kinds.flatMap((k) => collect(path.join(root, 'test', k))).filter((f) => !filter || f.includes(filter));
if (files.length === 0) {
  console.error(`no test files for ${kinds.join(', ')}`);
  process.exit(1);
}
const args = ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files];
const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root, env: process.env });
process.exit(result.status ?? 1);
