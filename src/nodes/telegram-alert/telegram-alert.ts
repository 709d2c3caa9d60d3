/**
 * crm-telegram-alert: renders msg into an HTML alert and sends it through the bot of its
 * crm-telegram-config, which paces all nodes of that bot together. done() comes only once the
 * alert is sent, coalesced into a digest or filtered out; the msg then leaves with msg.telegram.
 */
import { describeWindow } from '../../core/alert-digest';
import { isSeverity } from '../../core/telegram-alert';
import type { TelegramConfigNode } from '../telegram-config/types';
import { migrateConfig } from '../shared/migrate';
import { localizeError, onClose, onInput, requireConfig, status } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import type { Node } from 'node-red';
import { AlertRunner } from './alert-runner';
import { text } from './texts';
import { DEFAULT_DIGEST_WINDOW_S, DEFAULT_TEMPLATE, TYPE } from './types';
import type { TelegramAlertDef } from './types';

export = function register(RED: RED): void {
  function TelegramAlert(node: Node, def: TelegramAlertDef): void {
    const config = migrateConfig(def, []);
    const windowS = Number(config.digestWindow ?? DEFAULT_DIGEST_WINDOW_S);
    // Held from the start, like mqtt's broker: on stop, Node-RED forgets config nodes before our close
    // handler runs, and the pending digests still need the bot.
    const botConfig = RED.nodes.getNode(config.bot ?? '') as unknown as TelegramConfigNode | null;
    const secrets = (): Array<string | undefined> => [botConfig?.token()];
    const bot = (): TelegramConfigNode => botConfig ?? requireConfig<TelegramConfigNode>(RED, config.bot, 'Telegram bot');

    const showCounts = (): void => {
      const c = runner.counts;
      const counts = text(RED, 'telegram-alert.status.counts', { sent: c.sent, throttled: c.throttled, coalesced: c.coalesced, filtered: c.filtered });
      if (c.inFlight > 0) status.waiting(node, text(RED, 'telegram-alert.status.sending', { count: c.inFlight }));
      else status.ok(node, counts);
    };

    const runner = new AlertRunner({
      chatId: config.chatId,
      template: config.template || DEFAULT_TEMPLATE,
      minSeverity: isSeverity(config.minSeverity) ? config.minSeverity : 'info',
      silentBelow: isSeverity(config.silentBelow) ? config.silentBelow : 'none',
      digestWindowMs: Number.isFinite(windowS) && windowS > 0 ? windowS * 1000 : 0,
      digestKey: config.digestKey === 'topic' ? 'topic' : 'text',
      bot: () => bot().bot(),
      text: {
        truncated: text(RED, 'telegram-alert.truncated'),
        digest: (count, windowMs) => text(RED, 'telegram-alert.digest', { count, window: describeWindow(windowMs) }),
      },
      onDigestError: (err, count) => {
        const e = localizeError(RED, err, secrets());
        status.error(node, e.message);
        node.error(text(RED, 'telegram-alert.digestFailed', { count, message: e.message }));
      },
      onChange: showCounts,
    });

    if (!botConfig) status.error(node, text(RED, 'telegram-alert.status.noBot'));

    onInput(
      RED,
      node,
      async (msg, send) => {
        const outcome = await runner.handle(msg);
        msg.telegram = { ...(typeof msg.telegram === 'object' && msg.telegram !== null ? msg.telegram : {}), ...outcome };
        showCounts();
        send(msg);
      },
      { secrets },
    );
    onClose(node, async () => {
      await runner.close();
      status.clear(node);
    });
  }
  RED.nodes.registerType(TYPE, function (this: Node, def: TelegramAlertDef) {
    RED.nodes.createNode(this, def);
    TelegramAlert(this, def);
  } as never);
};
