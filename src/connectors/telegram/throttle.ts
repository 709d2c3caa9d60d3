/**
 * Client-side pacing so a busy flow never meets Telegram's 429 in steady state: one limiter per
 * chat (≤ 1 message/s to a private chat, ≤ 20/min to a group as an even 3 s spacing, because a
 * refilled bucket would allow 40 inside one sliding minute), all chained to one bot-wide limiter
 * (~30/s). Bottleneck groups drop a chat's limiter after it has been idle.
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

  constructor(options: ThrottleOptions = {}) {
    this.options = { ...DEFAULT_THROTTLE, ...stripUndefined(options) };
    this.global = new Bottleneck({ minTime: Math.ceil(1000 / this.options.globalPerSecond) });
    this.privateChats = this.makeGroup(this.options.chatIntervalMs);
    this.groups = this.makeGroup(this.options.groupIntervalMs);
  }

  private makeGroup(interval: number): Bottleneck.Group {
    // Bottleneck spaces its launch decisions; the jobs themselves start a few ms later and not
    // always by the same amount, so the spacing gets a small margin to stay at or above the interval.
    const minTime = Math.ceil(interval * 1.03) + 10;
    const group = new Bottleneck.Group({ maxConcurrent: 1, minTime, timeout: this.options.idleMs });
    group.on('created', (limiter) => {
      limiter.chain(this.global);
    });
    return group;
  }

  private limiter(chatId: ChatId): Bottleneck {
    return (isGroupChat(chatId) ? this.groups : this.privateChats).key(String(chatId));
  }

  /** Runs `job` when the chat's turn comes; jobs for one chat run one at a time, in order. */
  async schedule<T>(chatId: ChatId, job: () => Promise<T>): Promise<Scheduled<T>> {
    if (this.stopped) throw new CrmError('TELEGRAM_CLOSED', 'The Telegram bot configuration was closed (flow redeployed or stopped).');
    const queuedAt = Date.now();
    let waitedMs = 0;
    const value = await this.limiter(chatId).schedule(() => {
      waitedMs = Date.now() - queuedAt;
      return job();
    });
    return { value, waitedMs };
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

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
