import type { NodeDef } from 'node-red';
import type { Severity } from '../../core/telegram-alert';

export const TYPE = 'crm-telegram-alert';
export const DEFAULT_TEMPLATE = '<b>{{severity}}</b> {{payload}}';
export const DEFAULT_DIGEST_WINDOW_S = 300;

export interface TelegramAlertDef extends NodeDef {
  version?: number;
  bot?: string;
  /** Fixed chat; when empty, msg.telegram.chatId decides. */
  chatId?: string;
  template?: string;
  minSeverity?: Severity;
  /** Seconds during which repeats of one alert are coalesced; 0 turns the digest off. */
  digestWindow?: number | string;
  /** What makes two alerts "the same": the rendered text, or msg.topic when set. */
  digestKey?: 'text' | 'topic';
  /** Send without sound (Telegram's disable_notification) below this severity. */
  silentBelow?: Severity | 'none';
}

/** What the node adds to msg.telegram on its output. */
export interface AlertOutcome {
  /** Absent when the alert was filtered out before a chat was chosen. */
  chatId?: number | string;
  status: 'sent' | 'coalesced' | 'filtered';
  messageId?: number;
  truncated?: boolean;
  severity: Severity;
}
