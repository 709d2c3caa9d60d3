import type { TwinHandle, TwinInfo, TwinStartOptions } from '../types';
import type { TwinLimits } from './limits';

export interface TelegramTwinOptions extends TwinStartOptions {
  /** The bot token flows must use; a random one by default. */
  token?: string;
  botUsername?: string;
  /** When set, only these chats exist (others get "chat not found"); by default every chat id is accepted. */
  knownChats?: Array<number | string>;
  /** Chats whose user "blocked the bot": 403 "Forbidden: bot was blocked by the user". */
  blockedChats?: Array<number | string>;
  /** Rate limits as the twin enforces them; false turns 429s off. */
  limits?: TwinLimits | false;
}

export interface TelegramTwinInfo extends TwinInfo {
  token: string;
  botUsername: string;
}

/** A message the twin accepted, as a test or the demo reads it back. */
export interface TwinMessage {
  message_id: number;
  chat_id: number | string;
  /** The text as Telegram shows it (markup parsed, entities decoded). */
  text: string;
  /** The text exactly as the client sent it. */
  raw: string;
  parse_mode?: string;
  /** Unix seconds, like Message.date. */
  date: number;
  /** Milliseconds since the epoch, for pacing assertions. */
  receivedAt: number;
}

/** Every Bot API call the twin answered, including the refused ones. */
export interface TwinCall {
  method: string;
  chat_id?: number | string;
  status: number;
  description?: string;
  at: number;
}

export interface TwinFault {
  error_code: number;
  description?: string;
  retry_after?: number;
  /** Methods the fault applies to; sendMessage by default. */
  methods?: string[];
}

export interface TelegramTwinHandle extends TwinHandle<TelegramTwinInfo> {
  messages(chatId?: number | string): TwinMessage[];
  clearMessages(): void;
  calls(): TwinCall[];
  /** The next `count` matching calls fail with `fault` (HTTP status = error_code). */
  failNext(count: number, fault: TwinFault): void;
  /** Forgets messages, calls, faults and rate-limit state. */
  reset(): void;
}
