/**
 * crm-telegram-config: a Telegram bot (token in credentials) and the API base URL, overridable so
 * flows can point at the Telegram twin. It owns nothing long-lived: the Bot API is plain HTTPS.
 */
import { migrateConfig } from '../shared/migrate';
import type { RED } from '../shared/runtime';
import { DEFAULT_BASE_URL, TYPE } from './types';
import type { TelegramConfigDef, TelegramConfigNode } from './types';

export = function register(RED: RED): void {
  function TelegramConfig(this: TelegramConfigNode, def: TelegramConfigDef): void {
    RED.nodes.createNode(this, def);
    const config = migrateConfig(def, []);
    this.baseUrl = (config.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.token = () => this.credentials?.token;
  }
  RED.nodes.registerType(TYPE, TelegramConfig as never, {
    credentials: { token: { type: 'password' } },
  });
};
