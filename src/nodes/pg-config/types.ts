import type { Node, NodeDef } from 'node-red';
import type { CrmError } from '../../core/errors';
import type { PgStore, TlsMode } from '../../connectors/postgres';

export const TYPE = 'crm-pg-config';
export const DEFAULT_DATA_DIR = 'crm-sync/pgdata';

export type PgMode = 'embedded' | 'server';

export interface PgConfigFields {
  version?: number;
  mode?: PgMode;
  host?: string;
  port?: number | string;
  database?: string;
  user?: string;
  poolSize?: number | string;
  tls?: TlsMode;
  /** PEM CA certificate(s) for TLS 'verify' against a private CA. Public, so not a credential. */
  ca?: string;
  /** Embedded database folder; relative paths are inside the Node-RED user directory. */
  dataDir?: string;
}

export type PgConfigDef = NodeDef & PgConfigFields;

export interface PgCredentials {
  password?: string;
  /** postgres://user:password@host:port/db — a credential because it may hold the password. */
  url?: string;
}

export type StoreState =
  | { state: 'idle' }
  | { state: 'connecting' }
  | { state: 'connected'; target: string }
  | { state: 'error'; error: CrmError }
  | { state: 'closed' };

export type StateListener = (state: StoreState) => void;

/**
 * What client nodes (pg logger, dedupe index, conflict snapshots, salesforce cursors) use:
 *   const cfg = requireConfig<PgConfigNode>(RED, def.store, TYPE);
 *   cfg.register(node);                       // fans connection status out to the node
 *   const store = await cfg.getStore();       // Queryable, migrations applied
 *   onClose(node, async () => { ...; cfg.deregister(node); });
 */
export interface PgConfigNode extends Node<PgCredentials> {
  readonly mode: PgMode;
  /** host:port/database or "embedded (<folder>)"; never holds the password. */
  readonly target: string;
  readonly state: StoreState;
  /** Opens the pool on first use (migrations run once); later calls share it. Rejects with a CrmError. */
  getStore(): Promise<PgStore>;
  /** Registers a client; `listener` replaces the default status fan-out (connecting/connected/error). */
  register(client: Node, listener?: StateListener): void;
  /** Call from the client's close handler AFTER its last query; the pool closes when all have gone. */
  deregister(client: Node): void;
  /** The catalog text (secrets scrubbed) for an error of this store. */
  describeError(err: unknown): string;
  /** A short text for a node status (the full text goes to the log). */
  statusText(err: unknown): string;
}
