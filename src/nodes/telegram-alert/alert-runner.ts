/**
 * What one telegram alert node does with a msg, apart from Node-RED wiring: severity filter, chat,
 * rendering, digest of repeats (with its timer) and the send through the bot's shared throttle.
 * Counters feed the node status.
 */
import { DigestBook } from '../../core/alert-digest';
import type { DigestEntry } from '../../core/alert-digest';
import { escapeHtml } from '../../core/telegram-html';
import { excerpt, meetsSeverity, readChatId, readSeverity, renderAlert } from '../../core/telegram-alert';
import type { Severity } from '../../core/telegram-alert';
import { CrmError } from '../../core/errors';
import type { TelegramBot } from '../../connectors/telegram';
import type { AlertOutcome } from './types';

export interface RunnerOptions {
  chatId?: string;
  template: string;
  minSeverity: Severity;
  silentBelow: Severity | 'none';
  digestWindowMs: number;
  digestKey: 'text' | 'topic';
  bot: () => TelegramBot;
  /** Catalog texts: the truncation marker and the digest line ("+12 similar in the last 5 min"). */
  text: { truncated: string; digest: (count: number, windowMs: number) => string };
  /** A digest line that could not be sent (no msg to fail: it is reported on the node). */
  onDigestError: (err: unknown, count: number) => void;
  onChange: () => void;
}

interface Pending {
  chatId: number | string;
  html: string;
}

export class AlertRunner {
  readonly counts = { sent: 0, throttled: 0, coalesced: 0, filtered: 0, digests: 0, inFlight: 0 };
  private readonly digest: DigestBook<Pending>;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: RunnerOptions) {
    this.digest = new DigestBook<Pending>(options.digestWindowMs);
  }

  /** Handles one msg; resolves once the alert is sent, coalesced or filtered out. */
  async handle(msg: Record<string, unknown>): Promise<AlertOutcome> {
    const severity = readSeverity(msg);
    if (!meetsSeverity(severity, this.options.minSeverity)) {
      this.counts.filtered += 1;
      this.options.onChange();
      return { status: 'filtered', severity };
    }
    const chatId = this.chatFor(msg);
    const { html, truncated } = renderAlert(this.options.template, { ...msg, severity }, this.options.text.truncated);
    const topic = msg.topic;
    const key = this.options.digestKey === 'topic' && topic !== undefined && topic !== '' ? `${chatId}\u0000topic\u0000${String(topic)}` : `${chatId}\u0000${html}`;
    const decision = this.digest.offer(key, { chatId, html }, Date.now());
    if (decision.action === 'coalesce') {
      this.counts.coalesced += 1;
      this.options.onChange();
      return { chatId, status: 'coalesced', severity };
    }
    this.armTimer();
    try {
      const silent = this.options.silentBelow !== 'none' && !meetsSeverity(severity, this.options.silentBelow);
      const message = await this.send(chatId, html, silent);
      return { chatId, status: 'sent', messageId: message.message_id, truncated, severity };
    } catch (err) {
      // The alert did not go out: a repeat must not be swallowed into a digest of a failure.
      this.digest.forget(key);
      throw err;
    }
  }

  private chatFor(msg: Record<string, unknown>): number | string {
    const fixed = this.options.chatId?.trim();
    if (fixed) return readChatId(fixed);
    const fromMsg = (msg.telegram as { chatId?: unknown } | undefined)?.chatId;
    if (fromMsg === undefined || fromMsg === null || fromMsg === '') {
      throw new CrmError('TELEGRAM_NO_CHAT', 'No chat id: set Chat in the node, or pass msg.telegram.chatId.');
    }
    return readChatId(fromMsg);
  }

  private async send(chatId: number | string, html: string, silent: boolean): Promise<{ message_id: number }> {
    this.counts.inFlight += 1;
    this.options.onChange();
    try {
      const { message, waitedMs } = await this.options.bot().send(chatId, html, { parse_mode: 'HTML', ...(silent ? { disable_notification: true } : {}) });
      this.counts.sent += 1;
      // Tens of ms are scheduling noise; a real hold-back by the throttle is a good part of the pace.
      if (waitedMs >= 100) this.counts.throttled += 1;
      return message;
    } finally {
      this.counts.inFlight -= 1;
      this.options.onChange();
    }
  }

  private digestHtml(entry: DigestEntry<Pending>): string {
    return `<i>${escapeHtml(this.options.text.digest(entry.count, this.digest.windowMs))}</i>\n${escapeHtml(excerpt(entry.first.html))}`;
  }

  private async sendDigests(entries: Array<DigestEntry<Pending>>): Promise<void> {
    await Promise.all(
      entries.map(async (entry) => {
        try {
          await this.options.bot().send(entry.first.chatId, this.digestHtml(entry), { parse_mode: 'HTML', disable_notification: true });
          this.counts.digests += 1;
        } catch (err) {
          this.options.onDigestError(err, entry.count);
        }
      }),
    );
    this.options.onChange();
  }

  private armTimer(): void {
    if (this.timer || this.closed) return;
    const next = this.digest.nextDue();
    if (next === undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const due = this.digest.due(Date.now());
      this.armTimer();
      void this.sendDigests(due);
    }, Math.max(0, next - Date.now()));
  }

  /** Stops the digest timer and sends what repeats are still pending, so no count is lost on redeploy. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.sendDigests(this.digest.drain());
  }
}
