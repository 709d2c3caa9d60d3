// Merges every example flow under examples/ into one deployable flow: one tab per example file (or the
// file's own tabs), node ids renewed per file so two examples can never clash.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Every *.json under `dir`, sorted, as paths. */
export function exampleFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

function newId() {
  return crypto.randomBytes(8).toString('hex');
}

/** Replaces every string equal to an old id, anywhere in the node (wires, z, g, config references, links). */
function renameIds(value, ids) {
  if (typeof value === 'string') return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => renameIds(v, ids));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameIds(v, ids)]));
  return value;
}

/** A node placed on a canvas (as opposed to a config node): it has a position or wires. */
function isFlowNode(node) {
  return node.type !== 'tab' && node.type !== 'subflow' && (node.wires !== undefined || node.x !== undefined);
}

function oneExample(file, examplesDir) {
  const nodes = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(nodes)) throw new Error(`${file}: an example flow must be a JSON array of nodes`);
  const ids = new Map(nodes.filter((n) => n.id).map((n) => [n.id, newId()]));
  const renamed = nodes.map((n) => renameIds(n, ids));
  if (renamed.some((n) => n.type === 'tab')) return renamed;
  const label = path.relative(examplesDir, file).replace(/\.json$/, '');
  const tab = { id: newId(), type: 'tab', label, disabled: false, info: `Example flow ${label} (examples/${path.relative(examplesDir, file)})` };
  return [tab, ...renamed.map((n) => (isFlowNode(n) && !n.z ? { ...n, z: tab.id } : n))];
}

/** All examples of `examplesDir` as one flow array. */
export function mergedExamples(examplesDir) {
  return exampleFiles(examplesDir).flatMap((f) => oneExample(f, examplesDir));
}
