// Merges every example flow under examples/ into one deployable flow: one tab per example file (or the
// file's own tabs), node ids renewed per file so two examples can never clash by id. The main flows (files
// not named after a node) come first; a later example's node that would fight an earlier one over a shared
// resource (an HTTP route, the webhooks of a monday board) is deployed disabled, with a note on its tab.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Every *.json under `dir`, as paths: the main flows first, then the per-node examples, each group sorted. */
export function exampleFiles(dir, nodeNames = []) {
  if (!fs.existsSync(dir)) return [];
  const perNode = (file) => nodeNames.includes(path.basename(file, '.json'));
  const files = fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
  return [...files.filter((f) => !perNode(f)), ...files.filter(perNode)];
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

const routePath = (p) => `/${String(p ?? '').trim().replace(/^\/+/, '')}`;

/**
 * What a node holds exclusively while it runs: HTTP routes on Node-RED's server (http in, monday in's
 * webhook) and a monday board's webhooks (monday in with "manage webhooks": two such nodes on one board
 * would each get every event and sync it twice).
 */
export function claimsOf(node) {
  if (node.type === 'http in' && node.url) return [{ key: `route ${String(node.method || 'get').toUpperCase()} ${routePath(node.url)}`, what: `the route ${routePath(node.url)}` }];
  if (node.type !== 'crm-monday-in' || node.mode !== 'webhook') return [];
  const claims = [{ key: `route POST ${routePath(node.path)}`, what: `the webhook path ${routePath(node.path)}` }];
  if (node.manageWebhooks && node.boardId) claims.push({ key: `hooks ${node.boardId}`, what: `the webhooks of monday board ${node.boardId}` });
  return claims;
}

/**
 * Disables each node whose claim an earlier example already holds (earlier = the main flows, then
 * alphabetical). Returns the notes `{example, node, what, heldBy}`; the flow array is changed in place.
 */
function settleClaims(examples) {
  const holders = new Map();
  const notes = [];
  for (const { label, nodes } of examples) {
    const disabledTabs = new Set(nodes.filter((n) => n.type === 'tab' && n.disabled).map((n) => n.id));
    for (const node of nodes) {
      if (node.d || disabledTabs.has(node.z)) continue;
      const clash = claimsOf(node).find((c) => holders.has(c.key) && holders.get(c.key) !== label);
      if (clash) {
        node.d = true;
        notes.push({ example: label, node: node.name || node.type, what: clash.what, heldBy: holders.get(clash.key), tab: node.z });
        continue;
      }
      for (const c of claimsOf(node)) holders.set(c.key, label);
    }
  }
  for (const note of notes) {
    const tab = examples.flatMap((e) => e.nodes).find((n) => n.type === 'tab' && n.id === note.tab);
    if (tab) tab.info = `${tab.info ? `${tab.info}\n\n` : ''}In the demo, "${note.node}" is disabled: ${note.what} belongs to the flow "${note.heldBy}". Disable that one to try this.`;
  }
  return notes;
}

/**
 * All examples of `examplesDir` as one flow array (main flows first) and the notes on nodes disabled
 * because an earlier example holds the same route or board webhooks. `nodeNames`: the package's node
 * file names (pg-logger, monday-in, ...), which name the per-node examples.
 */
export function mergeExamples(examplesDir, nodeNames = []) {
  const examples = exampleFiles(examplesDir, nodeNames).map((f) => ({
    label: path.relative(examplesDir, f).replace(/\.json$/, ''),
    nodes: oneExample(f, examplesDir),
  }));
  const notes = settleClaims(examples);
  return { flows: examples.flatMap((e) => e.nodes), notes: notes.map((n) => ({ example: n.example, node: n.node, what: n.what, heldBy: n.heldBy })) };
}
