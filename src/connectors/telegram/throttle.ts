/**
 * Client-side pacing so a busy flow never meets Telegram's 429 in steady state: one queue per chat
 * (≤ 1 message/s to a private chat, ≤ 20/min to a group as an even 3 s spacing, because a refilled
 * bucket would allow 40 inside one sliding minute), all passing one bot-wide gate (~30/s).
 * Bottleneck keeps the per-chat queues (FIFO, one at a time) and drops a chat's after it is idle.
 */
import Bottleneck from 'bottleneck';
import { CrmError } from '../../core/errors';
import { isGroupChat } from './types';
import type { ChatId } from './types';

export interface ThrottleOptions {
  /** Minimum spacing between messages to one private chat. */
  chatIntervalMs?: number;
  /** Minimum spacing between messages to one group or channel. */
  groupIntervalMs?: number;
  /** Bot-wide ceiling. */
  globalPerSecond?: number;
  /** A chat's limiter is dropped after this long without messages. */
  idleMs?: number;
}

export const DEFAULT_THROTTLE: Required<ThrottleOptions> = {
  chatIntervalMs: 1000,
  groupIntervalMs: 3000,
  globalPerSecond: 30,
  idleMs: 5 * 60_000,
};

export interface Scheduled<T> {
  value: T;
  /** How long the job waited for its turn. */
  waitedMs: number;
}

export class ChatThrottle {
  private readonly options: Required<ThrottleOptions>;
  private readonly global: Bottleneck;
  private readonly privateChats: Bottleneck.Group;
  private readonly groups: Bottleneck.Group;
  private stopped = false;
  /** When the last message to each chat actually started; dropped after idleMs. */
  private readonly lastStart = new Map<string, number>();

  constructor(options: ThrottleOptions = {}) {
    this.options = { ...DEFAULT_THROTTLE, ...stripUndefined(options) };
    this.global = new Bottleneck({ minTime: Math.ceil(1000 / this.options.globalPerSecond) });
    this.privateChats = this.makeGroup();
    this.groups = this.makeGroup();
  }

  private makeGroup(): Bottleneck.Group {
    return new Bottleneck.Group({ maxConcurrent: 1, timeout: this.options.idleMs });
  }

  private limiter(chatId: ChatId): Bottleneck {
    return (isGroupChat(chatId) ? this.groups : this.privateChats).key(String(chatId));
  }

  /**
   * Runs `job` when the chat's turn comes; jobs for one chat run one at a time, in order. Spacing is
   * measured from when the previous job really started (after the bot-wide gate), not from when
   * Bottleneck launched it: with chained limiters the two differ by up to the global spacing, and
   * Telegram counts what reaches it.
   */
  async schedule<T>(chatId: ChatId, job: () => Promise<T>): Promise<Scheduled<T>> {
    if (this.stopped) throw new CrmError('TELEGRAM_CLOSED', 'The Telegram bot configuration was closed (flow redeployed or stopped).');
    const key = String(chatId);
    // 2 % margin: the request still has to travel, and latency varies from one message to the next.
    const interval = Math.ceil((isGroupChat(chatId) ? this.options.groupIntervalMs : this.options.chatIntervalMs) * 1.02);
    const queuedAt = Date.now();
    let waitedMs = 0;
    const value = await this.limiter(chatId).schedule(async () => {
      const last = this.lastStart.get(key);
      if (last !== undefined) await delay(last + interval - Date.now());
      return this.global.schedule(() => {
        const now = Date.now();
        this.lastStart.set(key, now);
        waitedMs = now - queuedAt;
        return job();
      });
    });
    this.forgetIdle(queuedAt);
    return { value, waitedMs };
  }

  private forgetIdle(now: number): void {
    for (const [key, at] of this.lastStart) if (now - at > this.options.idleMs) this.lastStart.delete(key);
  }

  /** Messages waiting for their turn, for one chat or all. */
  queued(chatId?: ChatId): number {
    if (chatId !== undefined) {
      const c = this.limiter(chatId).counts();
      return (c.QUEUED ?? 0) + (c.RECEIVED ?? 0);
    }
    return [...this.privateChats.limiters(), ...this.groups.limiters()].reduce((n, { limiter }) => {
      const c = limiter.counts();
      return n + (c.QUEUED ?? 0) + (c.RECEIVED ?? 0);
    }, 0);
  }

  /** Number of chats with a live limiter (idle ones are dropped). */
  get chats(): number {
    return this.privateChats.keys().length + this.groups.keys().length;
  }

  /**
   * Lets queued messages go out for up to `graceMs`, then drops what is left (their promises reject),
   * so closing a flow never hangs.
   */
  async stop(graceMs = 5000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const limiters = [...this.privateChats.limiters(), ...this.groups.limiters()].map((l) => l.limiter);
    const drained = Promise.all(limiters.map((l) => l.stop({ dropWaitingJobs: false }))).then(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    await Promise.race([drained, timeout]);
    clearTimeout(timer);
    for (const group of [this.privateChats, this.groups]) {
      // Bottleneck clears its idle-cleanup interval only for Redis groups; do it for the local one.
      clearInterval((group as unknown as { interval?: NodeJS.Timeout }).interval);
    }
    await this.global.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
