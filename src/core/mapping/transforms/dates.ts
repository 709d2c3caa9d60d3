/**
 * Date and date-time transforms. Input may be ISO text, locale-ordered text ("25.11.2026" for de-DE,
 * "11/25/2026" for en-US), epoch milliseconds, a Date, or a monday date column ({date, time} in UTC).
 * Text without an offset is read in `timeZone` (step option, else the mapping's, else UTC).
 */
import type { StepOptions, TransformContext, TransformFn } from './base';
import { isEmpty, optString, preview, TransformFailure } from './base';
import type { WallClock } from './time-zones';
import { isoDate, isoInZone, isValidTimeZone, wallClockIn, zonedToEpoch } from './time-zones';

type Order = 'DMY' | 'MDY' | 'YMD';

/** Day/month order of a locale, read from Intl instead of a hand-kept table. */
const orders = new Map<string, Order>();

export function dateOrder(locale: string): Order {
  let order = orders.get(locale);
  if (!order) {
    order = readOrder(locale);
    orders.set(locale, order);
  }
  return order;
}

function readOrder(locale: string): Order {
  const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(Date.UTC(2001, 10, 22)))
    .filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year')
    .map((p) => p.type[0].toUpperCase())
    .join('');
  return parts === 'MDY' || parts === 'YMD' ? parts : 'DMY';
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const LOCAL = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i;

interface Parsed {
  wall: WallClock;
  /** Offset in minutes when the text carried one; the instant is then fixed. */
  offset?: number;
  hasTime: boolean;
}

function wall(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): WallClock {
  return { year, month, day, hour, minute, second, ms };
}

function checkCalendar(w: WallClock, raw: unknown): WallClock {
  const probe = new Date(Date.UTC(w.year, w.month - 1, w.day));
  const ok =
    probe.getUTCFullYear() === w.year &&
    probe.getUTCMonth() === w.month - 1 &&
    probe.getUTCDate() === w.day &&
    w.hour < 24 &&
    w.minute < 60 &&
    w.second < 60;
  if (!ok) throw new TransformFailure('INVALID_DATE', `not a real calendar date: ${preview(raw)}`);
  return w;
}

function parseOffset(text: string): number {
  if (/^z$/i.test(text)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text) as RegExpExecArray;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function parseText(s: string, locale: string, raw: unknown): Parsed {
  const iso = ISO.exec(s);
  if (iso) {
    const ms = iso[7] ? Number(iso[7].slice(0, 3).padEnd(3, '0')) : 0;
    const w = wall(+iso[1], +iso[2], +iso[3], +(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0), ms);
    return { wall: checkCalendar(w, raw), offset: iso[8] ? parseOffset(iso[8]) : undefined, hasTime: iso[4] !== undefined };
  }
  const loc = LOCAL.exec(s);
  if (loc) {
    const [a, b, c] = [+loc[1], +loc[2], +loc[3]];
    const order: Order = loc[1].length === 4 ? 'YMD' : dateOrder(locale);
    const [y, month, day] = order === 'YMD' ? [a, b, c] : order === 'MDY' ? [c, a, b] : [c, b, a];
    const year = y < 100 ? y + 2000 : y;
    let hour = loc[4] ? +loc[4] : 0;
    const meridiem = loc[7]?.[0].toLowerCase();
    if (meridiem === 'p' && hour < 12) hour += 12;
    if (meridiem === 'a' && hour === 12) hour = 0;
    const w = wall(year, month, day, hour, loc[5] ? +loc[5] : 0, loc[6] ? +loc[6] : 0);
    return { wall: checkCalendar(w, raw), hasTime: loc[4] !== undefined };
  }
  throw new TransformFailure('INVALID_DATE', `not a date: ${preview(raw)}`);
}

function parseValue(value: unknown, locale: string): Parsed {
  if (value instanceof Date || typeof value === 'number') {
    const ms = value instanceof Date ? value.getTime() : value;
    if (!Number.isFinite(ms)) throw new TransformFailure('INVALID_DATE', `not a date: ${preview(value)}`);
    return { wall: wallClockIn(ms, 'UTC'), offset: 0, hasTime: true };
  }
  if (value && typeof value === 'object' && 'date' in value) {
    // monday date column: date and optional time, both UTC.
    const { date, time } = value as { date?: unknown; time?: unknown };
    const text = typeof time === 'string' && time ? `${String(date)}T${time}Z` : String(date);
    return parseText(text, locale, value);
  }
  if (typeof value === 'string') return parseText(value.trim(), locale, value);
  throw new TransformFailure('INVALID_DATE', `not a date: ${preview(value)}`);
}

function zoneOption(step: StepOptions, key: string, fallback: string | undefined): string {
  const zone = optString(step, key) ?? fallback ?? 'UTC';
  if (!isValidTimeZone(zone)) throw new TransformFailure('BAD_OPTION', `unknown time zone "${zone}"`);
  return zone;
}

/** The instant a value stands for, reading offset-less text in the source zone. */
export function toEpoch(value: unknown, step: StepOptions, ctx: TransformContext): { epoch: number; parsed: Parsed } {
  const locale = optString(step, 'locale') ?? ctx.options.locale ?? 'en-US';
  const parsed = parseValue(value, locale);
  if (parsed.offset !== undefined) {
    const utc = Date.UTC(parsed.wall.year, parsed.wall.month - 1, parsed.wall.day, parsed.wall.hour, parsed.wall.minute, parsed.wall.second, parsed.wall.ms);
    return { epoch: utc - parsed.offset * 60000, parsed };
  }
  return { epoch: zonedToEpoch(parsed.wall, zoneOption(step, 'timeZone', ctx.options.timeZone)), parsed };
}

/**
 * → "YYYY-MM-DD". A plain date stays the same calendar day; a date-time is converted to the
 * calendar day in `toTimeZone` (default: the source zone) so "23:30 Berlin" is not a day early.
 */
export const date: TransformFn = (value, step, ctx) => {
  if (isEmpty(value)) return value;
  const parsed = parseValue(value, optString(step, 'locale') ?? ctx.options.locale ?? 'en-US');
  // A plain date is a calendar day, not an instant: no zone arithmetic, no shifting.
  if (!parsed.hasTime) return isoDate(parsed.wall);
  const { epoch } = toEpoch(value, step, ctx);
  return isoDate(wallClockIn(epoch, zoneOption(step, 'toTimeZone', optString(step, 'timeZone') ?? ctx.options.timeZone)));
};

/** → ISO 8601 date-time; UTC ("…Z", what Salesforce stores) unless `toTimeZone` asks for local time with offset. */
export const datetime: TransformFn = (value, step, ctx) => {
  if (isEmpty(value)) return value;
  const { epoch } = toEpoch(value, step, ctx);
  return isoInZone(epoch, zoneOption(step, 'toTimeZone', 'UTC'));
};

const TOKENS = /yyyy|MM|dd|HH|mm|ss/g;

/**
 * Formats for humans or text fields. `pattern` uses yyyy MM dd HH mm ss; without it, Intl's
 * `dateStyle`/`timeStyle` in `locale`. Rendered in `toTimeZone` (default: source zone).
 */
export const formatDate: TransformFn = (value, step, ctx) => {
  if (isEmpty(value)) return value;
  const { epoch } = toEpoch(value, step, ctx);
  const zone = zoneOption(step, 'toTimeZone', optString(step, 'timeZone') ?? ctx.options.timeZone);
  const pattern = optString(step, 'pattern');
  if (pattern) {
    const w = wallClockIn(epoch, zone);
    const values: Record<string, number> = { yyyy: w.year, MM: w.month, dd: w.day, HH: w.hour, mm: w.minute, ss: w.second };
    return pattern.replace(TOKENS, (t) => String(values[t]).padStart(t.length, '0'));
  }
  const style = (k: string): 'full' | 'long' | 'medium' | 'short' | undefined => {
    const v = step[k];
    return v === 'full' || v === 'long' || v === 'medium' || v === 'short' ? v : undefined;
  };
  const locale = optString(step, 'locale') ?? ctx.options.locale ?? 'en-US';
  return new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: style('dateStyle') ?? 'medium', timeStyle: style('timeStyle') }).format(new Date(epoch));
};
