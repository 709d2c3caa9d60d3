/**
 * A real Node-RED runtime embedded in this process (Node-RED's documented embedding API:
 * init/start/stop), with its own temporary user directory in which this package is linked as
 * node_modules/@crm-sync/node-red-crm-sync, so Node-RED loads it as a user-installed module, next to
 * its core nodes. In-process because the harness must see the runtime's hooks, node statuses and the
 * embedded database directly. Node-RED is a singleton per process: one flow test runs at a time.
 */
import crypto from 'node:crypto';
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from './flow-source';
import type { FlowNode } from './patches';

/** The few parts of a runtime node the harness uses. */
export interface RuntimeNode {
  id: string;
  type: string;
  z?: string;
  name?: string;
  receive(msg?: Record<string, unknown>): void;
  _expectedDoneCount?: number;
}

export interface LogEntry {
  level: number;
  msg: unknown;
  id?: string;
  type?: string;
  name?: string;
  z?: string;
  timestamp?: number;
}

/** The embedding API of the `node-red` module (4.x and 5.x). */
export interface NodeRedModule {
  init(server: http.Server, settings: Record<string, unknown>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  version: string | (() => string);
  nodes: { getNode(id: string): RuntimeNode | null; getType(type: string): unknown };
  hooks: { add(name: string, fn: (event: never) => void): void; remove(name: string): void };
  events: EventEmitter;
  util: { cloneMessage<T>(msg: T): T };
  httpNode: http.RequestListener;
  runtime: { flows: { setFlows(opts: { flows: { flows: FlowNode[] }; deploymentType: string }): Promise<unknown> } };
}

const PKG = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string };
/** Types the runtime handles itself rather than through a node module. */
const BUILT_IN_TYPES = new Set(['tab', 'subflow', 'group']);
const ACTIVE = Symbol.for('@crm-sync/node-red-crm-sync/testing:active');

/**
 * The node-red module to run: an explicit path, NODE_RED_PATH (how the compat run selects Node-RED
 * 5), the one the user's project (cwd) has, else the one beside this package.
 */
export function resolveNodeRed(explicit?: string): string {
  const candidates: Array<() => string> = [
    ...(explicit ? [() => require.resolve(explicit)] : []),
    ...(process.env.NODE_RED_PATH ? [() => process.env.NODE_RED_PATH as string] : []),
    () => require.resolve('node-red', { paths: [process.cwd()] }),
    () => require.resolve('node-red'),
  ];
  for (const candidate of candidates) {
    try {
      return candidate();
    } catch {
      // try the next place
    }
  }
  throw new Error('startFlowTest needs Node-RED: install it in your project (npm install --save-dev node-red) or pass { nodeRed: "/path/to/node-red" }.');
}

/** A fresh user directory with this package linked in, as `npm install <folder>` would. */
function makeUserDir(): string {
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-flow-test-'));
  fs.writeFileSync(path.join(userDir, 'package.json'), JSON.stringify({ name: 'crm-flow-test', private: true, dependencies: { [PKG.name]: `file:${PACKAGE_ROOT}` } }));
  const target = path.join(userDir, 'node_modules', ...PKG.name.split('/'));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.symlinkSync(PACKAGE_ROOT, target, process.platform === 'win32' ? 'junction' : 'dir');
  return userDir;
}

const LEVELS: Record<string, number> = { off: 1, fatal: 10, error: 20, warn: 30, info: 40, debug: 50, trace: 60 };
export type LogLevel = keyof typeof LEVELS;

export interface EmbeddedOptions {
  nodeRed?: string;
  /** What Node-RED prints on the console (default 'off'; every entry up to 'info' is kept for logs()). */
  logLevel?: LogLevel;
  /** Extra runtime settings (e.g. a node's tuning settings, functionGlobalContext). */
  settings?: Record<string, unknown>;
  onLog(entry: LogEntry): void;
}

export interface EmbeddedNodeRed {
  RED: NodeRedModule;
  userDir: string;
  /** Base URL of the runtime's HTTP server (http in nodes, webhooks). */
  url: string;
  version: string;
  deploy(flow: FlowNode[], timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

function waitForEvent(events: EventEmitter, name: string, timeoutMs: number, what: string): { promise: Promise<void>; cancel(): void } {
  let cancel = (): void => undefined;
  const promise = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      events.off(name, done);
      reject(new Error(`Node-RED did not ${what} within ${timeoutMs} ms`));
    }, timeoutMs);
    function done(): void {
      clearTimeout(timer);
      events.off(name, done);
      resolve();
    }
    cancel = () => {
      clearTimeout(timer);
      events.off(name, done);
    };
    events.on(name, done);
  });
  return { promise, cancel };
}

/** Refuses a flow whose node types are not installed: Node-RED would wait for them forever. */
function checkTypes(RED: NodeRedModule, flow: FlowNode[]): void {
  const missing = [...new Set(flow.map((n) => n.type))].filter((t) => !BUILT_IN_TYPES.has(t) && !t.startsWith('subflow:') && !RED.nodes.getType(t));
  if (missing.length) throw new Error(`The flow uses node types this Node-RED does not have: ${missing.join(', ')}. Install their modules in your project.`);
}

/**
 * Node-RED starts the flows even when some nodes fail (a constructor throws, a circular config
 * reference): the test would then fail later with a puzzling "not found". Say it at once.
 */
function checkStarted(RED: NodeRedModule, flow: FlowNode[]): void {
  const tabs = new Map(flow.filter((n) => n.type === 'tab').map((n) => [n.id, n]));
  const expected = flow.filter((n) => !BUILT_IN_TYPES.has(n.type) && !n.d && (n.z ? tabs.has(n.z) && !tabs.get(n.z)?.disabled : true));
  const missing = expected.filter((n) => !RED.nodes.getNode(n.id));
  if (missing.length) {
    throw new Error(`Node-RED could not start ${missing.map((n) => `${n.name ? `"${n.name}" ` : ''}(${n.type} ${n.id})`).join(', ')}; the reason is in Node-RED's output (logLevel: 'warn' shows its log too).`);
  }
}

const registry = globalThis as Record<symbol, unknown>;

/** Throws when a flow test runs in this process (checked before anything else starts). */
export function assertNoneRunning(): void {
  if (registry[ACTIVE]) throw new Error('A flow test is already running in this process: Node-RED runs once per process, so `await t.stop()` the previous one first.');
}

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedNodeRed> {
  assertNoneRunning();
  registry[ACTIVE] = true;
  const userDir = makeUserDir();
  const server = http.createServer();
  let RED: NodeRedModule | undefined;
  let started = false;
  const stop = async (): Promise<void> => {
    try {
      if (started) await RED?.stop();
    } finally {
      started = false;
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
      fs.rmSync(userDir, { recursive: true, force: true });
      registry[ACTIVE] = false;
    }
  };
  try {
    RED = ((await import(pathToFileURL(resolveNodeRed(options.nodeRed)).href)) as { default: NodeRedModule }).default;
    const console = LEVELS[options.logLevel ?? 'off'] ?? LEVELS.off;
    RED.init(server, {
      userDir,
      flowFile: 'flows.json',
      credentialSecret: crypto.randomBytes(16).toString('hex'),
      uiHost: '127.0.0.1',
      httpAdminRoot: false,
      httpNodeRoot: '/',
      diagnostics: { enabled: false, ui: false },
      telemetry: { enabled: false, updateNotification: false },
      runtimeState: { enabled: false, ui: false },
      externalModules: { autoInstall: false },
      ...options.settings,
      logging: {
        console: { level: Object.keys(LEVELS).find((k) => LEVELS[k] === console), metrics: false, audit: false },
        flowTest: { level: 'info', metrics: false, audit: false, handler: () => (entry: LogEntry) => options.onLog(entry) },
      },
    });
    const first = waitForEvent(RED.events, 'flows:started', 30_000, 'start');
    await RED.start();
    started = true;
    await first.promise;
    server.on('request', RED.httpNode);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
  } catch (err) {
    await stop();
    throw err;
  }
  const red = RED;
  const version = typeof red.version === 'function' ? red.version() : red.version;
  return {
    RED: red,
    userDir,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    version,
    stop,
    async deploy(flow, timeoutMs) {
      checkTypes(red, flow);
      const startedAgain = waitForEvent(red.events, 'flows:started', timeoutMs, 'start the flow');
      try {
        await red.runtime.flows.setFlows({ flows: { flows: flow }, deploymentType: 'full' });
      } catch (err) {
        startedAgain.cancel();
        throw err;
      }
      await startedAgain.promise;
      checkStarted(red, flow);
    },
  };
}
