/**
 * Where a flow under test comes from: one of this package's example flows by name (as listed in
 * Node-RED's Import > Examples), a flow JSON file, or a flow array. Nodes placed without a tab get one,
 * as Node-RED's import does.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FlowNode } from './patches';

/** The package root (dist/testing/.. /..), where examples/ ships. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
export const EXAMPLES_DIR = path.join(PACKAGE_ROOT, 'examples');

export type FlowSource = string | FlowNode[];

/** Names of the shipped example flows (file names under examples/ without .json). */
export function exampleNames(dir = EXAMPLES_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\\/g, '/').replace(/\.json$/, ''))
    .sort();
}

function readFlowFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read the flow file ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`The flow file ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

function validate(value: unknown, origin: string): FlowNode[] {
  const nodes = value && typeof value === 'object' && !Array.isArray(value) && Array.isArray((value as { flows?: unknown }).flows) ? (value as { flows: unknown[] }).flows : value;
  if (!Array.isArray(nodes)) throw new Error(`${origin}: a flow must be a JSON array of nodes (as Node-RED exports it)`);
  const ids = new Set<string>();
  nodes.forEach((n: unknown, i) => {
    const node = n as Partial<FlowNode> | null;
    if (!node || typeof node !== 'object' || typeof node.id !== 'string' || typeof node.type !== 'string') {
      throw new Error(`${origin}: node #${i} needs a string "id" and "type", got ${JSON.stringify(n)?.slice(0, 120)}`);
    }
    if (ids.has(node.id)) throw new Error(`${origin}: node id "${node.id}" appears twice`);
    ids.add(node.id);
  });
  return structuredClone(nodes as FlowNode[]);
}

/** Flow nodes that sit on a canvas (as opposed to config nodes): they have wires or a position. */
function onCanvas(node: FlowNode): boolean {
  return !['tab', 'subflow', 'group'].includes(node.type) && (node.wires !== undefined || node.x !== undefined);
}

/** Puts canvas nodes without a tab on a new tab, as Node-RED's import does. */
function withTab(nodes: FlowNode[], label: string): FlowNode[] {
  const loose = nodes.filter((n) => onCanvas(n) && !n.z);
  if (loose.length === 0) return nodes;
  const tab: FlowNode = { id: crypto.randomBytes(8).toString('hex'), type: 'tab', label, disabled: false };
  return [tab, ...nodes.map((n) => (loose.includes(n) ? { ...n, z: tab.id } : n))];
}

/** Resolves a FlowSource to a validated copy of its nodes and a label for messages. */
export function loadFlow(source: FlowSource, examplesDir = EXAMPLES_DIR): { nodes: FlowNode[]; label: string } {
  if (Array.isArray(source)) return { nodes: withTab(validate(source, 'flow'), 'flow test'), label: 'flow' };
  if (typeof source !== 'string' || source.trim() === '') throw new Error('startFlowTest: `flow` must be an example name, a flow file path or a flow array');
  const example = path.join(examplesDir, `${source}.json`);
  if (!path.isAbsolute(source) && exampleNames(examplesDir).includes(source)) {
    return { nodes: withTab(validate(readFlowFile(example), source), source), label: source };
  }
  const file = path.resolve(source);
  if (fs.existsSync(file)) return { nodes: withTab(validate(readFlowFile(file), file), path.basename(file, '.json')), label: file };
  throw new Error(`No example flow or file "${source}". Examples: ${exampleNames(examplesDir).map((n) => `"${n}"`).join(', ') || 'none'}.`);
}

/** Id prefix of the hidden junctions withSinks() adds. */
export const SINK_PREFIX = '__crm_flow_test_sink_';

/**
 * Wires every unwired output of the nodes on tabs to a hidden junction on the same tab, so what a
 * node sends there passes Node-RED's onSend hook and shows in t.outputs() (an unwired port sends
 * nothing at all). The junction forwards nowhere, so the flow behaves as before.
 */
export function withSinks(nodes: FlowNode[]): FlowNode[] {
  const tabs = new Set(nodes.filter((n) => n.type === 'tab').map((n) => n.id));
  const used = new Set<string>();
  const wired = nodes.map((n) => {
    if (!n.z || !tabs.has(n.z) || !Array.isArray(n.wires) || !n.wires.some((port) => Array.isArray(port) && port.length === 0)) return n;
    const sink = `${SINK_PREFIX}${n.z}`;
    used.add(n.z);
    return { ...n, wires: n.wires.map((port) => (Array.isArray(port) && port.length === 0 ? [sink] : port)) };
  });
  return [...wired, ...[...used].map((z): FlowNode => ({ id: `${SINK_PREFIX}${z}`, type: 'junction', z, x: 0, y: 0, wires: [[]] }))];
}
