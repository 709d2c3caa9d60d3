/**
 * Client-side complexity pacing: a sliding window of points spent, mirroring monday's per-token
 * budget, so requests wait for room instead of being refused. Spends are recorded when the answer
 * arrives (after monday charged them), so our window always expires a little later than monday's.
 * The server's own count (RateLimit header) can only make us more careful, never less.
 */
import { CrmError } from '../../core/errors';
export interface PacerOptions {
  budget: number;
  windowMs: number;
  now?: () => number;
}

interface Spend {
  at: number;
  cost: number;
}

export class ComplexityPacer {
  readonly budget: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private spends: Spend[] = [];
  private pending = 0;
  private blockedUntil = 0;
  private closed = false;
  /** Sleepers to wake at once on close, so a stopped flow is not held by a timer for up to a window. */
  private readonly wakers = new Set<() => void>();

  constructor(options: PacerOptions) {
    this.budget = Math.max(1, options.budget);
    this.windowMs = Math.max(1, options.windowMs);
    this.now = options.now ?? Date.now;
  }

  private used(now: number): number {
    const cutoff = now - this.windowMs;
    while (this.spends.length && this.spends[0].at <= cutoff) this.spends.shift();
    return this.spends.reduce((s, e) => s + e.cost, 0);
  }

  /** Points free right now for a new request (reservations of requests in flight excluded). */
  available(): number {
    const now = this.now();
    if (now < this.blockedUntil) return 0;
    return Math.max(0, this.budget - this.used(now) - this.pending);
  }

  /** Waits until `cost` points fit, then holds them for the request about to be sent. */
  async reserve(cost: number): Promise<number> {
    const want = await this.waitFor(cost);
    this.pending += want;
    return want;
  }

  /** Waits until `cost` points fit (without holding them): batches size themselves to the room there is then. */
  async waitFor(cost: number): Promise<number> {
    const want = Math.min(Math.max(0, cost), this.budget);
    for (;;) {
      if (this.closed) throw new CrmError('MONDAY_CLOSED', 'The monday connection was closed (flow stopped or redeployed).');
      const now = this.now();
      if (now >= this.blockedUntil && this.budget - this.used(now) - this.pending >= want) break;
      await this.sleep(this.waitMs(now));
    }
    return want;
  }

  private waitMs(now: number): number {
    if (now < this.blockedUntil) return this.blockedUntil - now;
    // The oldest spend leaving the window is the next moment room can appear; in-flight requests settle sooner.
    const oldest = this.spends[0];
    const untilExpiry = oldest ? oldest.at + this.windowMs - now + 1 : this.windowMs;
    return Math.max(1, Math.min(untilExpiry, this.pending > 0 ? 20 : untilExpiry));
  }

  /** The request answered: swap its reservation for what monday actually charged. */
  commit(reserved: number, actual: number): void {
    this.pending = Math.max(0, this.pending - reserved);
    if (actual > 0) this.spends.push({ at: this.now(), cost: actual });
  }

  /** The request was refused before monday charged anything. */
  release(reserved: number): void {
    this.pending = Math.max(0, this.pending - reserved);
  }

  /**
   * monday's own count of what is left (the RateLimit header's complexity `r`). When another client
   * shares the token, monday has less left than we think: book the difference as spent now.
   */
  observeRemaining(remaining: number): void {
    const now = this.now();
    const ours = this.budget - this.used(now) - this.pending;
    if (remaining < ours) this.spends.push({ at: now, cost: ours - remaining });
  }

  /** monday said "retry in n seconds": nobody sends before then. */
  pauseFor(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + ms);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  close(): void {
    this.closed = true;
    for (const wake of [...this.wakers]) wake();
  }
}
