/**
 * The Bot API methods the twin answers, with Telegram's envelope and error texts
 * ({ok:false, error_code, description, parameters?}; the HTTP status equals error_code).
 */
import { HtmlEntityError, parseTelegramHtml, TELEGRAM_TEXT_LIMIT } from '../../core/telegram-html';
import { RateModel } from './limits';
import type { TelegramTwinOptions, TwinCall, TwinFault, TwinMessage } from './types';

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

const BOT_ID = 7000000001;

function fail(error_code: number, description: string, parameters?: Record<string, unknown>): ApiAnswer {
  return { status: error_code, body: { ok: false, error_code, description, ...(parameters ? { parameters } : {}) } };
}

function ok(result: unknown): ApiAnswer {
  return { status: 200, body: { ok: true, result } };
}

/** chat_id as Telegram reads it: an integer (possibly sent as a string) or "@channelusername". */
function readChatId(value: unknown): number | string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (/^-?\d{1,20}$/.test(s)) return Number(s);
  if (/^@[A-Za-z][A-Za-z0-9_]{3,31}$/.test(s)) return s;
  return undefined;
}

function chatOf(id: number | string): Record<string, unknown> {
  if (typeof id === 'string') return { id: -1000000000000 - id.length, title: id.slice(1), username: id.slice(1), type: 'channel' };
  if (id > 0) return { id, first_name: 'Demo', username: `demo${id}`, type: 'private' };
  return { id, title: 'Demo group', type: String(id).startsWith('-100') ? 'supergroup' : 'group' };
}

export class TwinBotApi {
  readonly botUser: Record<string, unknown>;
  private readonly rates: RateModel | undefined;
  private readonly known: Set<string> | undefined;
  private readonly blocked: Set<string>;
  private store: TwinMessage[] = [];
  private log: TwinCall[] = [];
  private faults: Array<TwinFault & { left: number }> = [];
  private nextId = 1;

  constructor(options: TelegramTwinOptions, botUsername: string) {
    this.botUser = { id: BOT_ID, is_bot: true, first_name: 'CRM sync twin', username: botUsername };
    this.rates = options.limits === false ? undefined : new RateModel(options.limits);
    this.known = options.knownChats ? new Set(options.knownChats.map(String)) : undefined;
    this.blocked = new Set((options.blockedChats ?? []).map(String));
  }

  call(method: string, params: Record<string, unknown>): ApiAnswer {
    const answer = this.answer(method, params);
    const body = answer.body as { description?: string };
    this.log.push({ method, chat_id: readChatId(params.chat_id) ?? undefined, status: answer.status, description: body.description, at: Date.now() });
    return answer;
  }

  private answer(method: string, params: Record<string, unknown>): ApiAnswer {
    const fault = this.faults.find((f) => (f.methods ?? ['sendMessage']).includes(method));
    if (fault) {
      fault.left -= 1;
      if (fault.left <= 0) this.faults = this.faults.filter((f) => f !== fault);
      return this.faultAnswer(fault);
    }
    switch (method) {
      case 'getMe':
        return ok({ ...this.botUser, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
      case 'sendMessage':
        return this.sendMessage(params);
      default:
        return fail(404, 'Not Found');
    }
  }

  private faultAnswer(fault: TwinFault): ApiAnswer {
    const code = fault.error_code;
    if (code === 429) {
      const after = fault.retry_after ?? 1;
      return fail(429, fault.description ?? `Too Many Requests: retry after ${after}`, { retry_after: after });
    }
    const defaults: Record<number, string> = { 400: 'Bad Request: chat not found', 401: 'Unauthorized', 403: 'Forbidden: bot was blocked by the user', 500: 'Internal Server Error' };
    return fail(code, fault.description ?? defaults[code] ?? 'Error');
  }

  private sendMessage(params: Record<string, unknown>): ApiAnswer {
    if (params.chat_id === undefined || params.chat_id === '') return fail(400, 'Bad Request: chat_id is empty');
    const chatId = readChatId(params.chat_id);
    if (chatId === undefined || (this.known && !this.known.has(String(chatId)))) return fail(400, 'Bad Request: chat not found');
    if (this.blocked.has(String(chatId))) return fail(403, 'Forbidden: bot was blocked by the user');
    const raw = params.text === undefined || params.text === null ? '' : String(params.text);
    const parseMode = typeof params.parse_mode === 'string' && params.parse_mode !== '' ? params.parse_mode : undefined;
    if (parseMode && !['HTML', 'MarkdownV2', 'Markdown'].includes(parseMode)) return fail(400, 'Bad Request: unsupported parse_mode');
    let text = raw;
    if (parseMode === 'HTML') {
      try {
        text = parseTelegramHtml(raw);
      } catch (err) {
        if (err instanceof HtmlEntityError) return fail(400, `Bad Request: ${err.message}`);
        throw err;
      }
    }
    // Markdown modes are stored as sent: the twin does not model their entity rules.
    if (text.trim() === '') return fail(400, 'Bad Request: message text is empty');
    if (text.length > TELEGRAM_TEXT_LIMIT) return fail(400, 'Bad Request: message is too long');
    const now = Date.now();
    const wait = this.rates?.take(String(chatId), typeof chatId === 'string' || chatId < 0, now);
    if (wait !== undefined) return fail(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
    const message: TwinMessage = { message_id: this.nextId++, chat_id: chatId, text, raw, parse_mode: parseMode, date: Math.floor(now / 1000), receivedAt: now };
    this.store.push(message);
    return ok({ message_id: message.message_id, from: this.botUser, chat: chatOf(chatId), date: message.date, text });
  }

  messages(chatId?: number | string): TwinMessage[] {
    return this.store.filter((m) => chatId === undefined || String(m.chat_id) === String(chatId)).map((m) => ({ ...m }));
  }

  clearMessages(): void {
    this.store = [];
  }

  calls(): TwinCall[] {
    return this.log.map((c) => ({ ...c }));
  }

  failNext(count: number, fault: TwinFault): void {
    if (count > 0) this.faults.push({ ...fault, left: count });
  }

  reset(): void {
    this.store = [];
    this.log = [];
    this.faults = [];
    this.rates?.reset();
  }
}
