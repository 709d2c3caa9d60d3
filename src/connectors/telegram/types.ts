/** Bot API shapes we use (subset of https://core.telegram.org/bots/api, as in grammyjs/types). */
export type ChatId = number | string;

export interface TelegramUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
}

export interface TelegramChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  username?: string;
  first_name?: string;
}

export interface TelegramMessage {
  message_id: number;
  from?: TelegramUser;
  chat: TelegramChat;
  date: number;
  text?: string;
}

export interface SendMessageParams {
  chat_id: ChatId;
  text: string;
  parse_mode?: 'HTML' | 'MarkdownV2';
  disable_notification?: boolean;
  message_thread_id?: number;
  link_preview_options?: { is_disabled?: boolean };
}

export interface TelegramErrorBody {
  ok: boolean;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: unknown; migrate_to_chat_id?: number };
}

/** Groups, supergroups and channels have negative ids; "@name" chats are public channels or groups. */
export function isGroupChat(chatId: ChatId): boolean {
  return typeof chatId === 'number' ? chatId < 0 : chatId.startsWith('-') || chatId.startsWith('@');
}
