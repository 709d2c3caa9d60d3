/**
 * Digest bookkeeping for repeated alerts: the first alert of a key goes out and opens a window;
 * repeats inside the window are only counted; when the window closes, one digest line reports the
 * count. Time is passed in, so the rules are tested without timers.
 */
export interface DigestEntry<T> {
  key: string;
  /** What the first alert of the window carried (chat, text), for the digest line. */
  first: T;
  /** Repeats coalesced since the window opened. */
  count: number;
  openedAt: number;
}

export type DigestDecision = { action: 'send' } | { action: 'coalesce'; count: number };

export class DigestBook<T> {
  private readonly open = new Map<string, DigestEntry<T>>();

  constructor(readonly windowMs: number) {}

  /** Decides for one alert at time `now`; a closed window is reported by due(), never reopened here. */
  offer(key: string, item: T, now: number): DigestDecision {
    if (this.windowMs <= 0) return { action: 'send' };
    const entry = this.open.get(key);
    if (entry && now < entry.openedAt + this.windowMs) {
      entry.count += 1;
      return { action: 'coalesce', count: entry.count };
    }
    this.open.set(key, { key, first: item, count: 0, openedAt: now });
    return { action: 'send' };
  }

  /** Drops a key's window, e.g. when its first alert could not be sent, so the next one goes out. */
  forget(key: string): void {
    this.open.delete(key);
  }

  /** Closes every window that has ended by `now`; returns those that coalesced anything. */
  due(now: number): Array<DigestEntry<T>> {
    const out: Array<DigestEntry<T>> = [];
    for (const [key, entry] of this.open) {
      if (now >= entry.openedAt + this.windowMs) {
        this.open.delete(key);
        if (entry.count > 0) out.push(entry);
      }
    }
    return out;
  }

  /** Closes all windows at once (node closing); returns those with repeats to report. */
  drain(): Array<DigestEntry<T>> {
    const out = [...this.open.values()].filter((e) => e.count > 0);
    this.open.clear();
    return out;
  }

  /** When the earliest open window ends, for scheduling one timer. */
  nextDue(): number | undefined {
    let next: number | undefined;
    for (const e of this.open.values()) {
      const end = e.openedAt + this.windowMs;
      if (next === undefined || end < next) next = end;
    }
    return next;
  }

  get pending(): number {
    let n = 0;
    for (const e of this.open.values()) n += e.count;
    return n;
  }
}

/** "5 min", "30 s", "2 h": the window as a person would say it in a digest line. */
export function describeWindow(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${Math.max(s, 1)} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}
