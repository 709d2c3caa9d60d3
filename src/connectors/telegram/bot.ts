/**
 * One Telegram bot as the flows share it: a client plus the per-chat throttle, so every alert node
 * using the same bot configuration draws on the same rate limits.
 */
import { TelegramClient } from './client';
import type { TelegramClientOptions } from './client';
import { ChatThrottle } from './throttle';
import type { ThrottleOptions } from './throttle';
import type { ChatId, SendMessageParams, TelegramMessage, TelegramUser } from './types';

export type TelegramBotOptions = TelegramClientOptions & { throttle?: ThrottleOptions };

export interface SentMessage {
  message: TelegramMessage;
  /** Time spent waiting for the chat's turn; > 0 means the throttle held the message back. */
  waitedMs: number;
}

export class TelegramBot {
  readonly client: TelegramClient;
  readonly throttle: ChatThrottle;

  constructor(options: TelegramBotOptions) {
    this.client = new TelegramClient(options);
    this.throttle = new ChatThrottle(options.throttle);
  }

  getMe(): Promise<TelegramUser> {
    return this.client.getMe();
  }

  async send(chatId: ChatId, text: string, extra: Omit<SendMessageParams, 'chat_id' | 'text'> = {}): Promise<SentMessage> {
    const { value, waitedMs } = await this.throttle.schedule(chatId, () => this.client.sendMessage({ ...extra, chat_id: chatId, text }));
    return { message: value, waitedMs };
  }

  async stop(graceMs?: number): Promise<void> {
    await this.throttle.stop(graceMs);
    this.client.close();
  }
}

