/**
 * crm-telegram-config: a Telegram bot (token in credentials) and the API base URL, overridable so
 * flows can point at the Telegram twin. It owns the bot's client and per-chat throttle, so every
 * alert node using this bot shares one set of rate limits; closing it drains and stops them.
 */
import { TelegramBot } from '../../connectors/telegram';
import { migrateConfig } from '../shared/migrate';
import { onClose } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import { registerTestEndpoint } from './test-connection';
import { DEFAULT_BASE_URL, TYPE } from './types';
import type { TelegramConfigDef, TelegramConfigNode, TelegramSettings } from './types';

export = function register(RED: RED): void {
  const settings = (): TelegramSettings => ((RED.settings as unknown as { crmSyncTelegram?: TelegramSettings }).crmSyncTelegram ?? {});

  function TelegramConfig(this: TelegramConfigNode, def: TelegramConfigDef): void {
    RED.nodes.createNode(this, def);
    const config = migrateConfig(def, []);
    this.baseUrl = (config.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.token = () => this.credentials?.token?.trim();
    let bot: TelegramBot | undefined;
    this.bot = () => {
      if (!bot) {
        const s = settings();
        bot = new TelegramBot({ baseUrl: this.baseUrl, token: this.token() ?? '', timeoutMs: s.timeoutMs, maxRetries: s.maxRetries, maxRetryAfterS: s.maxRetryAfterS, throttle: s });
      }
      return bot;
    };
    // The stopped bot stays in place: late callers get TELEGRAM_CLOSED instead of a new, unmanaged bot.
    onClose(this, async () => {
      await bot?.stop();
    });
  }
  RED.nodes.registerType(TYPE, TelegramConfig as never, {
    credentials: { token: { type: 'password' } },
  });
  registerTestEndpoint(RED, TYPE);
};
