/**
 * Watches the running flow through Node-RED's runtime hooks (onSend, onReceive, onComplete) and its
 * node-status events: the messages each node sends, the messages still being handled, status
 * changes and log entries. This is what t.outputs(), t.idle(), t.statuses() and t.logs() read.
 *
 * "Idle" means: every message a node received has been finished — done() called, for nodes that
 * take `done` (every node of this package and Node-RED's core nodes do) — no node of this package
 * shows a busy (blue) status, and nothing at all (send, receive, done, status) happened for `quietMs`.
 * Timers that fire later (an inject's repeat, a digest window) are not "in flight".
 */
import type { LogEntry, NodeRedModule, RuntimeNode } from './node-red';
import type { Msg } from './support';

const HOOK_SUFFIX = 'crmFlowTest';

export interface NodeStatus {
  fill?: string;
  shape?: string;
  text?: string;
}

export interface SentMessage {
  /** The output port (0-based). */
  port: number;
  /** A copy of the msg as it left the node. */
  msg: Msg;
}

interface SendEvent {
  msg: Msg;
  source: { id: string; node: RuntimeNode; port: number };
  destination: { id: string };
}

export class FlowObserver {
  private readonly sent = new Map<string, SentMessage[]>();
  private readonly statusLog = new Map<string, NodeStatus[]>();
  private readonly current = new Map<string, NodeStatus>();
  private readonly working = new Map<string, number>();
  private readonly entries: LogEntry[] = [];
  private lastActivity = Date.now();
  private readonly onStatus = (e: { id: string; status: NodeStatus }): void => {
    this.touch();
    const list = this.statusLog.get(e.id) ?? [];
    list.push({ ...e.status });
    this.statusLog.set(e.id, list);
    this.current.set(e.id, { ...e.status });
  };

  constructor(private readonly RED: NodeRedModule) {}

  attach(): void {
    const { hooks } = this.RED;
    hooks.add(`onSend.${HOOK_SUFFIX}`, (events: SendEvent[]) => {
      this.touch();
      // One send() call gives one event per wire; a port wired to two nodes is still one output.
      const seen = new Set<string>();
      for (const e of events) {
        const key = `${e.source.id}:${e.source.port}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const list = this.sent.get(e.source.id) ?? [];
        list.push({ port: e.source.port, msg: this.RED.util.cloneMessage(e.msg) });
        this.sent.set(e.source.id, list);
      }
    });
    hooks.add(`onReceive.${HOOK_SUFFIX}`, (e: { destination: { id: string; node: RuntimeNode } }) => {
      this.touch();
      // Only nodes that take `done` report completion; others are finished once their handler returns.
      if ((e.destination.node._expectedDoneCount ?? 0) > 0) this.working.set(e.destination.id, (this.working.get(e.destination.id) ?? 0) + 1);
    });
    hooks.add(`postReceive.${HOOK_SUFFIX}`, () => this.touch());
    hooks.add(`onComplete.${HOOK_SUFFIX}`, (e: { node: { id: string } }) => {
      this.touch();
      const left = (this.working.get(e.node.id) ?? 0) - 1;
      if (left > 0) this.working.set(e.node.id, left);
      else this.working.delete(e.node.id);
    });
    this.RED.events.on('node-status', this.onStatus);
  }

  detach(): void {
    this.RED.hooks.remove(`*.${HOOK_SUFFIX}`);
    this.RED.events.off('node-status', this.onStatus);
  }

  log(entry: LogEntry): void {
    this.entries.push(entry);
  }

  private touch(): void {
    this.lastActivity = Date.now();
  }

  outputs(id: string): SentMessage[] {
    return [...(this.sent.get(id) ?? [])];
  }

  statuses(id: string): NodeStatus[] {
    return [...(this.statusLog.get(id) ?? [])];
  }

  logs(): LogEntry[] {
    return [...this.entries];
  }

  /** Ids of nodes still handling a message, and of this package's nodes showing a busy status. */
  busy(isOurs: (id: string) => boolean): string[] {
    const showingBusy = [...this.current.entries()].filter(([id, s]) => isOurs(id) && s.fill === 'blue').map(([id]) => id);
    return [...new Set([...this.working.keys(), ...showingBusy])];
  }

  quietFor(): number {
    return Date.now() - this.lastActivity;
  }

  /** Forgets captured outputs, statuses and logs (not the messages still being handled). */
  clear(): void {
    this.sent.clear();
    this.statusLog.clear();
    this.entries.length = 0;
  }
}
