/**
 * SalesforceClient: the one authenticated Connection of a configuration, shared by every node
 * using it, behind a concurrency limit (bottleneck). Transient failures are retried with
 * exponential backoff and jitter; Sforce-Limit-Info is read after each call and calls are spaced
 * out once the daily allocation is nearly spent.
 */
import { EventEmitter } from 'node:events';
import Bottleneck from 'bottleneck';
import type { Connection } from 'jsforce';
import { CrmError } from '../../core/errors';
import { connect } from './auth';
import { mapError } from './errors';
import type { ApiUsage, ClientOptions } from './types';

export interface CallOptions {
  /** False for calls whose effect is unknown after a dropped connection or timeout (creates). */
  retryUnanswered?: boolean;
  /** Gives up waiting after this long (default: the client's timeoutMs); 0 waits as long as it takes. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/** Stops waiting for a call; the request itself cannot be cancelled, so only idempotent calls are retried after it. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  if (!ms) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CrmError('SF_TIMEOUT', `No answer from Salesforce within ${ms} ms`, { retryable: true, params: { ms, message: `no answer within ${ms} ms` } })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export interface ClientEvents {
  usage: [ApiUsage, boolean];
  retry: [CrmError, number];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class SalesforceClient extends EventEmitter<ClientEvents> {
  private conn?: Promise<Connection>;
  private readonly limiter: Bottleneck;
  private closed = false;
  /** True while the daily allocation is above slowDownAt. */
  slowed = false;
  usage?: ApiUsage;
  calls = 0;

  constructor(readonly options: ClientOptions) {
    super();
    this.limiter = new Bottleneck({ maxConcurrent: options.maxConcurrent ?? 5 });
  }

  /** The shared Connection; logs in on first use, and again after a failed login. */
  connection(): Promise<Connection> {
    if (this.closed) return Promise.reject(new CrmError('SF_CLOSED', 'The Salesforce configuration was closed'));
    if (!this.conn) {
      this.conn = connect(this.options.auth, { apiVersion: this.options.apiVersion, clientName: this.options.clientName ?? 'crm-sync' });
      this.conn.catch(() => (this.conn = undefined));
    }
    return this.conn;
  }

  /** Runs fn with the Connection under the concurrency limit, with retries for transient failures. */
  async call<T>(fn: (conn: Connection) => Promise<T>, options: CallOptions = {}): Promise<T> {
    const attempts = Math.max(1, this.options.maxAttempts ?? 4);
    for (let attempt = 1; ; attempt++) {
      const conn = await this.connection();
      try {
        const out = await this.limiter.schedule(async () => {
          if (this.slowed) await sleep(this.options.slowDownMs ?? 1000);
          return withTimeout(fn(conn), options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
        });
        this.afterCall(conn);
        return out;
      } catch (raw) {
        this.afterCall(conn);
        const err = mapError(raw);
        const unanswered = err.code === 'SF_UNREACHABLE' || err.code === 'SF_TIMEOUT';
        if (!err.retryable || attempt >= attempts || this.closed || (unanswered && options.retryUnanswered === false)) throw err;
        this.emit('retry', err, attempt);
        await this.backoff(attempt);
      }
    }
  }

  /** Exponential backoff with full jitter: base·2^(n-1) to twice that. */
  backoff(attempt: number): Promise<void> {
    const base = (this.options.retryBaseMs ?? 500) * 2 ** (attempt - 1);
    return sleep(base + Math.random() * base);
  }

  private afterCall(conn: Connection): void {
    this.calls++;
    const u = (conn.limitInfo as { apiUsage?: ApiUsage } | undefined)?.apiUsage;
    if (!u || !u.limit) return;
    this.usage = { used: u.used, limit: u.limit };
    const slowed = u.used / u.limit >= (this.options.slowDownAt ?? 0.9);
    if (slowed !== this.slowed || slowed) {
      this.slowed = slowed;
      this.emit('usage', this.usage, slowed);
    }
  }

  /** Org, user and API usage: what "Test connection" shows. */
  async whoAmI(): Promise<{ organizationId: string; userId: string; username: string; displayName: string; apiUsage?: ApiUsage; instanceUrl: string }> {
    return this.call(async (conn) => {
      const id = await conn.identity();
      const limits = (await conn.request(`/services/data/v${conn.version}/limits`)) as { DailyApiRequests?: { Max: number; Remaining: number } };
      const daily = limits.DailyApiRequests;
      return {
        organizationId: id.organization_id,
        userId: id.user_id,
        username: id.username,
        displayName: id.display_name,
        instanceUrl: conn.instanceUrl,
        apiUsage: daily ? { used: daily.Max - daily.Remaining, limit: daily.Max } : undefined,
      };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }
}
