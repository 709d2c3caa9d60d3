/** Small pieces of the flow test harness: node lookup, log entries, polling. */
import type { LogEntry } from './node-red';
import type { FlowNode } from './patches';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- msgs and rows are free-form: tests read nested fields without casts
export type Msg = Record<string, any>;

export interface IdleOptions {
  /** How long nothing must happen (no send, receive, done or status) to count as idle (default 200 ms). */
  quietMs?: number;
  /** Give up after this long (default 15 s) with an error naming the nodes still busy. */
  timeoutMs?: number;
}

export interface FlowLog {
  level: 'error' | 'warn' | 'info' | 'debug';
  text: string;
  node?: { id: string; type?: string; name?: string };
}

/** Node-RED's numeric levels; fatal counts as error. */
const LEVEL_NAMES: Record<number, FlowLog['level']> = { 10: 'error', 20: 'error', 30: 'warn', 40: 'info', 50: 'debug', 60: 'debug' };

export function toFlowLog(entry: LogEntry): FlowLog {
  const msg = entry.msg;
  const text = msg instanceof Error ? msg.message : typeof msg === 'string' ? msg : JSON.stringify(msg);
  return { level: LEVEL_NAMES[entry.level] ?? 'info', text, ...(entry.id ? { node: { id: entry.id, type: entry.type, name: entry.name } } : {}) };
}

/** The flow node whose id is `ref`, else the one named `ref`; a clear error when none or several. */
export function findNode(flow: FlowNode[], ref: string): FlowNode {
  const byId = flow.find((n) => n.id === ref);
  if (byId) return byId;
  const named = flow.filter((n) => n.name === ref);
  if (named.length === 1) return named[0];
  if (named.length > 1) throw new Error(`${named.length} nodes are named "${ref}" (${named.map((n) => `${n.type} ${n.id}`).join(', ')}): use the id`);
  const names = flow.filter((n) => n.name).map((n) => `"${n.name}"`);
  throw new Error(`No node with id or name "${ref}" in the flow. Named nodes: ${names.join(', ') || 'none'}`);
}

export async function waitUntil<T>(check: () => T | Promise<T>, o: { timeoutMs: number; pollMs: number; describe(): string }): Promise<T> {
  const end = Date.now() + o.timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${o.timeoutMs} ms waiting for ${o.describe()}`);
    await new Promise((resolve) => setTimeout(resolve, o.pollMs));
  }
}
