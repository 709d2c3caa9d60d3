import type { Node, NodeDef } from 'node-red';
import type { MondayClient } from '../../connectors/monday';

export const TYPE = 'crm-monday-config';

export interface MondayConfigDef extends NodeDef {
  version?: number;
  endpoint?: string;
  apiVersion?: string;
  budget?: number | string;
}

export interface MondayCredentials {
  token?: string;
  signingSecret?: string;
}

/** Optional tuning in settings.js (`crmSyncMonday: {...}`); tests shorten the window with it. */
export interface MondaySettings {
  windowMs?: number;
  timeoutMs?: number;
  maxRetries?: number;
  maxWaitS?: number;
}

/** What monday in/out nodes see of a config node. */
export interface MondayConfigNode extends Node<MondayCredentials> {
  endpoint: string;
  apiVersion: string;
  budget: number;
  token(): string | undefined;
  signingSecret(): string | undefined;
  /** The one client every node using this configuration shares (one budget, one metadata cache). */
  client(): MondayClient;
  register(node: Node): void;
  deregister(node: Node): void;
}
