/**
 * How the twin decides to answer 429, modelled on the Bot API's documented limits: about one message
 * a second per chat with a short burst tolerated first, 20 messages a minute to one group, ~30/s per
 * bot. The burst size is [UNVERIFIED] (Telegram does not publish it); 3 is what clients observe.
 * Every number is an option so tests can shorten the windows.
 */
export interface TwinLimits {
  /** Messages a chat may receive back to back before the per-chat pace applies. */
  chatBurst?: number;
  /** One more message to a chat is allowed per interval. */
  chatIntervalMs?: number;
  /** Messages to one group (negative chat id) per sliding window. */
  groupPerWindow?: number;
  groupWindowMs?: number;
  /** Messages per second over all chats. */
  globalPerSecond?: number;
}

export const DEFAULT_TWIN_LIMITS: Required<TwinLimits> = {
  chatBurst: 3,
  chatIntervalMs: 1000,
  groupPerWindow: 20,
  groupWindowMs: 60_000,
  globalPerSecond: 30,
};

interface Bucket {
  tokens: number;
  at: number;
}

export class RateModel {
  private readonly limits: Required<TwinLimits>;
  private readonly buckets = new Map<string, Bucket>();
  private readonly groupSends = new Map<string, number[]>();
  private globalSends: number[] = [];

  constructor(limits: TwinLimits = {}) {
    this.limits = { ...DEFAULT_TWIN_LIMITS, ...limits };
  }

  /** Records a message to `chat` at `now`, or returns the seconds to wait (the retry_after) if over a limit. */
  take(chat: string, isGroup: boolean, now: number): number | undefined {
    const l = this.limits;
    const bucket = this.buckets.get(chat) ?? { tokens: l.chatBurst, at: now };
    bucket.tokens = Math.min(l.chatBurst, bucket.tokens + (now - bucket.at) / l.chatIntervalMs);
    bucket.at = now;
    this.buckets.set(chat, bucket);
    const waits: number[] = [];
    if (bucket.tokens < 1) waits.push((1 - bucket.tokens) * l.chatIntervalMs);
    const group = (this.groupSends.get(chat) ?? []).filter((t) => t > now - l.groupWindowMs);
    if (isGroup && group.length >= l.groupPerWindow) waits.push(group[0] + l.groupWindowMs - now);
    this.globalSends = this.globalSends.filter((t) => t > now - 1000);
    if (this.globalSends.length >= l.globalPerSecond) waits.push(this.globalSends[0] + 1000 - now);
    if (waits.length > 0) return Math.max(1, Math.ceil(Math.max(...waits) / 1000));
    bucket.tokens -= 1;
    if (isGroup) {
      group.push(now);
      this.groupSends.set(chat, group);
    }
    this.globalSends.push(now);
    return undefined;
  }

  reset(): void {
    this.buckets.clear();
    this.groupSends.clear();
    this.globalSends = [];
  }
}
