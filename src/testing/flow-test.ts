/**
 * startFlowTest(): a flow from examples/, a file or an array, running in a real Node-RED with this
 * package's nodes, its config nodes pointed at the API twins and a throwaway database; then inject,
 * wait until idle and assert on twin state, log rows and node outputs. See docs/testing.md.
 */
import { startSandbox, TWINS } from '../sandbox';
import type { Sandbox, SandboxInfo, SandboxOptions, TwinName } from '../sandbox';
import type { PgStore } from '../connectors/postgres';
import type { Queryable } from '../core/store';
import type { PgConfigNode } from '../nodes/pg-config/types';
import { ownStore, prepareDatabase, tableRows } from './database';
import type { DatabaseOption, TestDatabase } from './database';
import { loadFlow, withSinks } from './flow-source';
import type { FlowSource } from './flow-source';
import { assertNoneRunning, startEmbedded } from './node-red';
import type { EmbeddedNodeRed, LogEntry, LogLevel, RuntimeNode } from './node-red';
import { FlowObserver } from './observer';
import type { NodeStatus } from './observer';
import { patchFlows, TWIN_OF_CONFIG } from './patches';
import type { FlowNode } from './patches';
import { findNode, toFlowLog, waitUntil } from './support';
import type { FlowLog, IdleOptions, Msg } from './support';

export interface FlowTestOptions {
  /** An example flow's name ("Sync logs and alerts"), a flow JSON file, or a flow array. */
  flow: FlowSource;
  /** Which twins to start: 'auto' (default: those the flow's config nodes use), 'all', 'none' or a list. */
  twins?: 'auto' | 'all' | 'none' | TwinName[];
  /**
   * Twins that already run (a startSandbox() result, or its toJSON() from another process): the flow
   * uses them instead of starting its own, and stop() leaves them running. `twins`/`twinOptions` are then ignored.
   */
  sandbox?: Sandbox | SandboxInfo;
  /** Per-twin start options, e.g. { telegram: { limits: {...} } } (see docs of each twin). */
  twinOptions?: Omit<SandboxOptions, TwinName> & { [K in TwinName]?: Exclude<SandboxOptions[K], false> };
  /** 'embedded' (default, PGlite in the temporary user directory), { url }, { url, throwaway: true } or false. */
  database?: DatabaseOption;
  /** Extra Node-RED settings (e.g. crmSyncTelegram: {...}, functionGlobalContext). */
  settings?: Record<string, unknown>;
  /** Node-RED's console output (default 'off'; t.logs() has everything up to 'info' anyway). */
  logLevel?: LogLevel;
  /** Path of the node-red module to run (default: NODE_RED_PATH, your project's, ours). */
  nodeRed?: string;
  /** How long Node-RED may take to start the flow (default 30 s). */
  startTimeoutMs?: number;
}

export type { FlowLog, IdleOptions, Msg };

export interface FlowTest {
  /** Base URL of the runtime's HTTP server: http in endpoints, webhook targets. */
  readonly url: string;
  readonly userDir: string;
  readonly nodeRedVersion: string;
  /** The deployed flow (config nodes patched; credentials not included). */
  readonly flow: FlowNode[];
  /** The running twins' handles (telegram, salesforce, monday), for assertions and fault injection. */
  readonly twins: Sandbox['handles'];
  /** The sandbox with the twins' descriptions (url, token, ...); undefined when no twin runs. */
  readonly sandbox: Sandbox | undefined;
  /** The runtime node with this id or name. */
  node(ref: string): RuntimeNode;
  /** Presses an inject node's button (properties of `msg` ride along); for any other node, delivers `msg` to its input. */
  inject(ref: string, msg?: Record<string, unknown>): Promise<void>;
  /** Delivers `msg` to the input of any node, as a wire would. */
  send(ref: string, msg: Record<string, unknown>): Promise<void>;
  /** Resolves once the flow is idle (see docs/testing.md "Idle"); rejects with what is still busy. */
  idle(options?: IdleOptions): Promise<void>;
  /** Waits until `check` returns a truthy value (polled; async allowed) and returns it. */
  waitFor<T>(check: () => T | Promise<T>, options?: { timeoutMs?: number; what?: string }): Promise<T>;
  /** Copies of the messages the node sent (all ports, or one port), in order. */
  outputs(ref: string, port?: number): Array<Msg>;
  /** Every status the node showed, in order. */
  statuses(ref: string): NodeStatus[];
  /** Node-RED log entries at `level` or more severe (default 'info'); e.g. logs('error'). */
  logs(level?: 'error' | 'warn' | 'info'): FlowLog[];
  /** Rows of a crm_sync table (sync_log, error_log, ...), oldest first, optionally filtered by equal columns. */
  rows(table: string, where?: Record<string, unknown>): Promise<Array<Msg>>;
  /** Any parameterised SQL on the flow's database. */
  query<R = Msg>(sql: string, params?: unknown[]): Promise<R[]>;
  /** A person editing monday's board (the twin's POST /__twin/activity); fires the board's webhooks. */
  mondayActivity(activity: Record<string, unknown>): Promise<{ ok: boolean; item?: { id: string; name: string } }>;
  /** An HTTP request to the flow's http in endpoints (path like '/hooks/monday'). */
  request(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: unknown }>;
  /** Forgets captured outputs, statuses and logs, and resets the twins that can (telegram, salesforce). */
  reset(): void;
  /** Stops the flow (nodes close and flush), Node-RED, the twins and the database; removes temporary files. */
  stop(): Promise<void>;
}

function chooseTwins(choice: FlowTestOptions['twins'], flow: FlowNode[]): TwinName[] {
  const all = Object.keys(TWINS) as TwinName[];
  if (choice === undefined || choice === 'auto') return all.filter((name) => flow.some((n) => TWIN_OF_CONFIG[n.type] === name));
  if (choice === 'all') return all;
  if (choice === 'none') return [];
  const unknown = choice.filter((c) => !all.includes(c));
  if (unknown.length) throw new Error(`Unknown twin(s) ${unknown.join(', ')}; the twins are ${all.join(', ')}`);
  return choice;
}

async function startTwins(names: TwinName[], options: FlowTestOptions['twinOptions'] = {}): Promise<Sandbox | undefined> {
  if (names.length === 0) return undefined;
  const selection = Object.fromEntries((Object.keys(TWINS) as TwinName[]).map((n) => [n, names.includes(n) ? (options[n] ?? {}) : false]));
  return startSandbox({ ...options, ...selection } as SandboxOptions);
}

/** Twins started elsewhere: described and, when in this process, readable; never stopped by the flow test. */
function runningTwins(given: Sandbox | SandboxInfo): Sandbox {
  const info = 'toJSON' in given && typeof given.toJSON === 'function' ? given.toJSON() : (given as SandboxInfo);
  const handles = 'handles' in given ? (given as Sandbox).handles : {};
  return { ...info, handles, toJSON: () => info, stop: async () => undefined };
}

/** Runs cleanup steps in order, all of them even if one fails; rethrows the first failure. */
async function runAll(steps: Array<(() => Promise<unknown>) | undefined>): Promise<void> {
  let failure: unknown;
  for (const step of steps) {
    try {
      await step?.();
    } catch (err) {
      failure ??= err;
    }
  }
  if (failure) throw failure;
}

export async function startFlowTest(options: FlowTestOptions): Promise<FlowTest> {
  assertNoneRunning();
  const { nodes } = loadFlow(options?.flow);
  const twinNames = options.sandbox ? [] : chooseTwins(options.twins, nodes);
  let sandbox: Sandbox | undefined;
  let database: TestDatabase | undefined;
  let red: EmbeddedNodeRed | undefined;
  let observer: FlowObserver | undefined;
  const pending: LogEntry[] = [];
  try {
    sandbox = options.sandbox ? runningTwins(options.sandbox) : await startTwins(twinNames, options.twinOptions);
    database = await prepareDatabase(options.database);
    red = await startEmbedded({
      nodeRed: options.nodeRed,
      logLevel: options.logLevel,
      settings: options.settings,
      onLog: (entry) => (observer ? observer.log(entry) : pending.push(entry)),
    });
    observer = new FlowObserver(red.RED);
    for (const entry of pending) observer.log(entry);
    observer.attach();
    const flow = patchFlows(nodes, { twins: sandbox?.toJSON(), databaseUrl: database.url, keepDatabase: database.keep, nodeRedUrl: red.url });
    observer.clear(); // Node-RED's own start-up notices are not the flow's logs
    const startTimeoutMs = options.startTimeoutMs ?? 30_000;
    await red.deploy(withSinks(flow), startTimeoutMs);
    if (!database.keep) await databaseReady(red, flow, startTimeoutMs);
    return new RunningFlowTest(red, observer, sandbox, database, flow);
  } catch (err) {
    await runAll([red?.stop, async () => observer?.detach(), sandbox?.stop, database?.stop]).catch(() => undefined);
    throw err;
  }
}

/**
 * Started means ready: the flow's databases are open and migrated (the embedded one takes seconds
 * to create), so the first idle() does not include that and a wrong database fails here, clearly.
 */
async function databaseReady(red: EmbeddedNodeRed, flow: FlowNode[], timeoutMs: number): Promise<void> {
  const configs = flow.filter((n) => n.type === 'crm-pg-config').map((n) => red.RED.nodes.getNode(n.id) as unknown as PgConfigNode | null);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not ready within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.all(configs.map((c) => c?.getStore())), timeout]);
  } catch (err) {
    throw new Error(`The flow's database did not open: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

class RunningFlowTest implements FlowTest {
  private store: PgStore | undefined;
  private stopped = false;
  readonly flow: FlowNode[];

  constructor(
    private readonly red: EmbeddedNodeRed,
    private readonly observer: FlowObserver,
    readonly sandbox: Sandbox | undefined,
    private readonly database: TestDatabase,
    deployed: FlowNode[],
  ) {
    this.flow = deployed.map((n) => Object.fromEntries(Object.entries(n).filter(([k]) => k !== 'credentials')) as FlowNode);
  }

  get url(): string {
    return this.red.url;
  }
  get userDir(): string {
    return this.red.userDir;
  }
  get nodeRedVersion(): string {
    return this.red.version;
  }
  get twins(): Sandbox['handles'] {
    return this.sandbox?.handles ?? {};
  }

  node(ref: string): RuntimeNode {
    const def = findNode(this.flow, ref);
    const node = this.red.RED.nodes.getNode(def.id);
    if (!node) throw new Error(`Node ${ref} (${def.id}, ${def.type}) is not running: is it disabled, or on a disabled tab?`);
    return node;
  }

  async inject(ref: string, msg?: Record<string, unknown>): Promise<void> {
    const node = this.node(ref);
    if (node.type !== 'inject' && msg === undefined) throw new Error(`${ref} is a ${node.type} node, not an inject node: pass the msg to deliver (t.inject(ref, msg))`);
    node.receive(node.type === 'inject' && msg === undefined ? {} : structuredClone(msg));
  }

  async send(ref: string, msg: Record<string, unknown>): Promise<void> {
    this.node(ref).receive(structuredClone(msg));
  }

  async idle(options: IdleOptions = {}): Promise<void> {
    const ours = new Set(this.flow.filter((n) => n.type.startsWith('crm-')).map((n) => n.id));
    const quietMs = options.quietMs ?? 200;
    await waitUntil(() => this.observer.busy((id) => ours.has(id)).length === 0 && this.observer.quietFor() >= quietMs, {
      timeoutMs: options.timeoutMs ?? 15_000,
      pollMs: Math.min(50, quietMs),
      describe: () => {
        const busy = this.observer.busy((id) => ours.has(id)).map((id) => this.describeNode(id));
        const errors = this.logs('error').slice(-3).map((l) => l.text);
        return `the flow to be idle; still busy: ${busy.join(', ') || 'none (but activity continued)'}${errors.length ? `; last errors: ${errors.join(' | ')}` : ''}`;
      },
    });
  }

  waitFor<T>(check: () => T | Promise<T>, options: { timeoutMs?: number; what?: string } = {}): Promise<T> {
    return waitUntil(check, { timeoutMs: options.timeoutMs ?? 15_000, pollMs: 25, describe: () => options.what ?? 'the condition' });
  }

  outputs(ref: string, port?: number): Array<Msg> {
    return this.observer
      .outputs(findNode(this.flow, ref).id)
      .filter((s) => port === undefined || s.port === port)
      .map((s) => s.msg);
  }

  statuses(ref: string): NodeStatus[] {
    return this.observer.statuses(findNode(this.flow, ref).id);
  }

  logs(level: 'error' | 'warn' | 'info' = 'info'): FlowLog[] {
    const order: FlowLog['level'][] = ['error', 'warn', 'info'];
    return this.observer
      .logs()
      .map(toFlowLog)
      .filter((l) => order.includes(l.level) && order.indexOf(l.level) <= order.indexOf(level));
  }

  private describeNode(id: string): string {
    const n = this.flow.find((f) => f.id === id);
    return n ? `${n.name ? `"${n.name}" ` : ''}(${n.type} ${id})` : id;
  }

  private async db(): Promise<Queryable> {
    if (this.stopped) throw new Error('The flow test has stopped; read rows before t.stop()');
    const config = this.flow.find((n) => n.type === 'crm-pg-config' && !n.d);
    const node = config && (this.red.RED.nodes.getNode(config.id) as unknown as PgConfigNode | null);
    if (node) return node.getStore();
    this.store ??= await ownStore(this.database.url, this.red.userDir);
    return this.store;
  }

  async rows(table: string, where?: Record<string, unknown>): Promise<Array<Msg>> {
    return tableRows(await this.db(), table, where);
  }

  async query<R = Msg>(sql: string, params?: unknown[]): Promise<R[]> {
    return (await (await this.db()).query<R>(sql, params)).rows;
  }

  async mondayActivity(activity: Record<string, unknown>): Promise<{ ok: boolean; item?: { id: string; name: string } }> {
    const monday = this.twins.monday;
    if (!monday) throw new Error("The monday twin is not running: start the flow test with twins: ['monday'] (or a flow with a crm-monday-config node)");
    const res = await fetch(`${monday.info.url}/__twin/activity`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
    const body = (await res.json()) as { ok: boolean; item?: { id: string; name: string }; error?: { code: string; message: string } };
    if (!res.ok) throw new Error(`monday twin refused the activity: ${body.error?.code ?? res.status} ${body.error?.message ?? ''}`.trim());
    await monday.settle();
    return body;
  }

  async request(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: unknown }> {
    const text = typeof init.body === 'string' || init.body === undefined ? (init.body as string | undefined) : JSON.stringify(init.body);
    const json = init.body !== undefined && typeof init.body !== 'string';
    const res = await fetch(`${this.url}${path.startsWith('/') ? path : `/${path}`}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...(json ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
      body: text,
    });
    const raw = await res.text();
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // not JSON: the text as it came
    }
    return { status: res.status, body };
  }

  reset(): void {
    this.observer.clear();
    this.twins.telegram?.reset();
    this.twins.salesforce?.reset();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // Nodes close first (loggers flush their buffers into the database), then everything they used.
    await runAll([
      () => this.store?.close() ?? Promise.resolve(),
      () => this.red.stop(),
      async () => this.observer.detach(),
      () => this.sandbox?.stop() ?? Promise.resolve(),
      () => this.database.stop(),
    ]);
  }
}
