import type { Node, NodeDef } from 'node-red';
import type { TelegramBot } from '../../connectors/telegram';
import type { ThrottleOptions } from '../../connectors/telegram';

export const TYPE = 'crm-telegram-config';
export const DEFAULT_BASE_URL = 'https://api.telegram.org';

export interface TelegramConfigDef extends NodeDef {
  version?: number;
  baseUrl?: string;
}

export interface TelegramCredentials {
  token?: string;
}

/**
 * Optional tuning in Node-RED's settings.js (`crmSyncTelegram: {...}`): pacing and timeouts for
 * every bot. Tests use it to shorten windows; the defaults follow Telegram's published limits.
 */
export interface TelegramSettings extends ThrottleOptions {
  timeoutMs?: number;
  maxRetries?: number;
  maxRetryAfterS?: number;
}

/** What client nodes see of a telegram config node. */
export interface TelegramConfigNode extends Node<TelegramCredentials> {
  baseUrl: string;
  token(): string | undefined;
  /** The bot shared by every node using this configuration: one client, one set of chat limits. */
  bot(): TelegramBot;
}
