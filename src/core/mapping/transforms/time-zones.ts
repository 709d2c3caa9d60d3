/** Time-zone arithmetic on top of Intl (no moment): wall-clock time in a zone ↔ UTC instants. */

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for unknown zones, which callers turn into a per-record problem.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at the instant `epochMs`. */
export function wallClockIn(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    ms: ((epochMs % 1000) + 1000) % 1000,
  };
}

function wallAsUtc(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
}

/** Offset of `timeZone` from UTC at `epochMs`, in minutes (Berlin in winter: +60). */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  return Math.round((wallAsUtc(wallClockIn(epochMs, timeZone)) - epochMs) / 60000);
}

/**
 * The instant at which the clocks in `timeZone` show `w`. Two passes settle DST edges; a time that
 * does not exist (spring-forward gap) resolves to the later offset, like most calendars do.
 */
export function zonedToEpoch(w: WallClock, timeZone: string): number {
  const guess = wallAsUtc(w);
  const first = guess - offsetMinutes(guess, timeZone) * 60000;
  const second = guess - offsetMinutes(first, timeZone) * 60000;
  return second;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function isoDate(w: WallClock): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** ISO 8601 with the zone's offset ("2026-03-01T10:00:00+01:00"), or "Z" for UTC. */
export function isoInZone(epochMs: number, timeZone: string): string {
  if (timeZone === 'UTC') return new Date(epochMs).toISOString().replace('.000Z', 'Z');
  const w = wallClockIn(epochMs, timeZone);
  const off = offsetMinutes(epochMs, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${isoDate(w)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
