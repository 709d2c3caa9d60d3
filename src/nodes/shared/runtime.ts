/**
 * The shared runtime path every node goes through: input wiring, the one error path
 * (red status + done(err) so Catch nodes fire), status helpers, close handling, config look-up.
 * Nodes stay thin: they implement a handler and never call done() themselves.
 */
import type { Node, NodeAPI, NodeMessage, NodeMessageInFlow, NodeStatus } from 'node-red';
import { CrmError, toCrmError } from '../../core/errors';
import { redactText } from '../../core/redact';

export type RED = NodeAPI;
export type Msg = NodeMessageInFlow & Record<string, unknown>;
export type Send = (msg: NodeMessage | Array<NodeMessage | NodeMessage[] | null>) => void;

export interface InputOptions {
  /** Secret values (tokens, passwords) to scrub from error and status text. */
  secrets?: () => Array<string | undefined>;
}

const STATUS_MAX = 64;

function shorten(text: string): string {
  return text.length > STATUS_MAX ? `${text.slice(0, STATUS_MAX - 1)}…` : text;
}

export const status = {
  ok: (node: Node, text: string): void => node.status({ fill: 'green', shape: 'dot', text: shorten(text) }),
  busy: (node: Node, text: string): void => node.status({ fill: 'blue', shape: 'dot', text: shorten(text) }),
  waiting: (node: Node, text: string): void => node.status({ fill: 'yellow', shape: 'ring', text: shorten(text) }),
  error: (node: Node, text: string): void => node.status({ fill: 'red', shape: 'ring', text: shorten(text) }),
  clear: (node: Node): void => node.status({} as NodeStatus),
};

/**
 * Turns any thrown value into an Error whose message is the catalog text for its code
 * (`common.errors.<CODE>` or the node's own `errors.<CODE>`), with secrets scrubbed.
 */
export function localizeError(RED: RED, err: unknown, secrets: Array<string | undefined> = []): CrmError {
  const e = toCrmError(err);
  const params = { ...e.params, message: e.message };
  let text = e.message;
  for (const key of [`errors.${e.code}`, `common.errors.${e.code}`]) {
    const translated = RED._(key, params);
    if (translated && translated !== key) {
      text = translated;
      break;
    }
  }
  const clean = redactText(text, secrets);
  const out = new CrmError(e.code, clean, { retryable: e.retryable, params: e.params, details: e.details, cause: e.cause });
  if (e.stack) out.stack = redactText(e.stack.replace(e.message, clean), secrets);
  return out;
}

/** Wires the input handler to the shared error path. The handler resolves when the msg is fully handled. */
export function onInput(
  RED: RED,
  node: Node,
  handler: (msg: Msg, send: Send) => Promise<void> | void,
  options: InputOptions = {},
): void {
  node.on('input', (msg: NodeMessageInFlow, send: Send, done: (err?: Error) => void) => {
    const fail = (err: unknown): void => {
      const e = localizeError(RED, err, options.secrets?.() ?? []);
      status.error(node, e.message);
      done(e);
    };
    try {
      Promise.resolve(handler(msg as Msg, send)).then(() => done(), fail);
    } catch (err) {
      fail(err);
    }
  });
}

/** Close handler with a promise; Node-RED gives nodes 15 s, so cleanup must not hang forever. */
export function onClose(node: Node, cleanup: (removed: boolean) => Promise<void> | void): void {
  node.on('close', (removed: boolean, done: () => void) => {
    Promise.resolve()
      .then(() => cleanup(removed))
      .catch((err: unknown) => node.error(toCrmError(err).message))
      .finally(() => done());
  });
}

/** Looks up a config node, failing with a catalog error the user can act on. */
export function requireConfig<T>(RED: RED, id: string | undefined, type: string): T {
  const cfg = id ? (RED.nodes.getNode(id) as unknown as T | null) : null;
  if (!cfg) throw new CrmError('CONFIG_MISSING', `No ${type} configuration is selected: open the node and pick or add one.`, { params: { type } });
  return cfg;
}

/** Reads a property from msg by dotted path ("payload.chatId") without throwing on missing parents. */
export function getMsgProperty(RED: RED, msg: Msg, path: string): unknown {
  try {
    return RED.util.getMessageProperty(msg, path);
  } catch {
    return undefined;
  }
}
