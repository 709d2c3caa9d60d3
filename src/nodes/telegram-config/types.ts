import type { Node, NodeDef } from 'node-red';

export const TYPE = 'crm-telegram-config';
export const DEFAULT_BASE_URL = 'https://api.telegram.org';

export interface TelegramConfigDef extends NodeDef {
  version?: number;
  baseUrl?: string;
}

export interface TelegramCredentials {
  token?: string;
}

/** What client nodes see of a telegram config node. */
export interface TelegramConfigNode extends Node<TelegramCredentials> {
  baseUrl: string;
  token(): string | undefined;
}
