/**
 * Telegram Bot API transport: one POST per method with a JSON body, a timeout per request, the
 * Bot API's error envelope mapped to CrmError codes, and 429 honoured through parameters.retry_after.
 * The token is part of the URL, so every text that leaves this module is scrubbed of it.
 */
import { CrmError } from '../../core/errors';
import { redactText } from '../../core/redact';
import type { TelegramMessage, TelegramUser, SendMessageParams, TelegramErrorBody } from './types';

export interface TelegramClientOptions {
  baseUrl: string;
  token: string;
  /** Per request, including the response body. */
  timeoutMs?: number;
  /** How many 429 answers are waited out before giving up. */
  maxRetries?: number;
  /** A retry_after longer than this (seconds) is not waited out: the error goes to the flow. */
  maxRetryAfterS?: number;
  fetch?: typeof fetch;
}

export class TelegramClient {
  private readonly baseUrl: string;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryAfterS: number;
  private readonly fetchImpl: typeof fetch;
  private readonly closing = new AbortController();

  constructor(options: TelegramClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.maxRetryAfterS = options.maxRetryAfterS ?? 60;
    this.fetchImpl = options.fetch ?? fetch;
  }

  getMe(): Promise<TelegramUser> {
    return this.call<TelegramUser>('getMe', {});
  }

  sendMessage(params: SendMessageParams): Promise<TelegramMessage> {
    return this.call<TelegramMessage>('sendMessage', params as unknown as Record<string, unknown>);
  }

  /** Cancels requests in flight and retry waits (config node closing). */
  close(): void {
    this.closing.abort();
  }

  async call<T>(method: string, params: Record<string, unknown>): Promise<T> {
    if (!this.token) throw new CrmError('TELEGRAM_NO_TOKEN', 'The Telegram bot has no token: open the bot configuration and paste the token from @BotFather.');
    for (let attempt = 0; ; attempt += 1) {
      const { status, body } = await this.post(method, params);
      if (body.ok === true) return body.result as T;
      const err = this.toError(method, status, body);
      const retryAfter = err.details.retryAfter;
      if (err.code === 'TELEGRAM_RATE_LIMITED' && typeof retryAfter === 'number' && attempt < this.maxRetries && retryAfter <= this.maxRetryAfterS) {
        await this.sleep(retryAfter * 1000);
        continue;
      }
      throw err;
    }
  }

  private async post(method: string, params: Record<string, unknown>): Promise<{ status: number; body: TelegramErrorBody & { result?: unknown } }> {
    const signal = AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.timeoutMs)]);
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(`${this.baseUrl}/bot${this.token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal,
      });
      text = await res.text();
    } catch (err) {
      throw this.unreachable(err, signal);
    }
    try {
      return { status: res.status, body: JSON.parse(text) as TelegramErrorBody & { result?: unknown } };
    } catch {
      throw new CrmError('TELEGRAM_BAD_RESPONSE', `Telegram answered HTTP ${res.status} with something that is not the Bot API: check the API base URL (${this.baseUrl}).`, {
        retryable: res.status >= 500,
        params: { status: res.status, baseUrl: this.baseUrl },
        details: { status: res.status },
      });
    }
  }

  private unreachable(err: unknown, signal: AbortSignal): CrmError {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const timedOut = signal.aborted && !this.closing.signal.aborted;
    const reason = timedOut ? `no answer within ${this.timeoutMs} ms` : this.closing.signal.aborted ? 'the node was closed' : (cause?.code ?? cause?.message ?? (err as Error).message);
    return new CrmError('TELEGRAM_UNREACHABLE', `Cannot reach Telegram at ${this.baseUrl}: ${redactText(String(reason), [this.token])}.`, {
      retryable: true,
      params: { baseUrl: this.baseUrl, reason: redactText(String(reason), [this.token]) },
      details: { reason: redactText(String(reason), [this.token]) },
    });
  }

  private toError(method: string, status: number, body: TelegramErrorBody): CrmError {
    const code = typeof body.error_code === 'number' ? body.error_code : status;
    const parameters = body.parameters ?? {};
    let description = redactText(typeof body.description === 'string' ? body.description : `HTTP ${status}`, [this.token]);
    // A group upgraded to a supergroup has a new id; saying it saves the user a trip to the API docs.
    if (typeof parameters.migrate_to_chat_id === 'number') description += ` (the chat's new id is ${parameters.migrate_to_chat_id}: use that)`;
    const details: Record<string, unknown> = { status: code, method, description, ...parameters };
    const params: Record<string, unknown> = { description, method };
    if (code === 429) {
      const retryAfter = typeof parameters.retry_after === 'number' ? parameters.retry_after : undefined;
      details.retryAfter = retryAfter;
      params.retryAfter = retryAfter ?? '?';
      return new CrmError('TELEGRAM_RATE_LIMITED', `Telegram rate limit: ${description}`, { retryable: true, params, details });
    }
    if (code === 401) return new CrmError('TELEGRAM_UNAUTHORIZED', `Telegram refused the bot token: ${description}`, { params, details });
    if (code === 404) return new CrmError('TELEGRAM_NOT_FOUND', `Telegram answered 404 for ${method}: ${description}`, { params, details });
    if (code === 403) return new CrmError('TELEGRAM_FORBIDDEN', `Telegram refused: ${description}`, { params, details });
    if (code >= 500) return new CrmError('TELEGRAM_UNREACHABLE', `Telegram failed: ${description}`, { retryable: true, params: { ...params, baseUrl: this.baseUrl, reason: description }, details });
    return new CrmError('TELEGRAM_BAD_REQUEST', `Telegram rejected ${method}: ${description}`, { params, details });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new CrmError('TELEGRAM_UNREACHABLE', 'Stopped while waiting for the Telegram rate limit.', { params: { baseUrl: this.baseUrl, reason: 'the node was closed' } }));
      };
      const timer = setTimeout(() => {
        this.closing.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.closing.signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
