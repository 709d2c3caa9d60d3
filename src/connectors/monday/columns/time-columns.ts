import { isBlank, toNumber, toDateString, toRecord } from './coerce';
import { ColumnValueError } from './errors';
import { EMPTY, asObject, isEmptyWrite, readJson } from './shared';
import type { ColumnCodec } from './types';
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

function validDate(type: string, v: unknown, write: unknown): string {
  const m = typeof v === 'string' ? DATE.exec(v) : null;
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() !== Number(m[2]) - 1) {
    throw new ColumnValueError(type, `invalid date ${JSON.stringify(v)}: use YYYY-MM-DD`, write);
  }
  return v as string;
}

/**
 * Plain value: "YYYY-MM-DD" for a date, or "YYYY-MM-DDTHH:MM:SSZ" when the column holds a time too
 * (monday keeps dates in UTC).
 */
export const date: ColumnCodec<string> = {
  type: 'date',
  coerce: (input) => (isBlank(input) ? null : toDateString('date', input)),
  encode: (plain) => {
    const [d, t] = plain.replace(/Z$/, '').split('T');
    return t ? { date: d, time: t.slice(0, 8) } : { date: d };
  },
  decode: (cell) => {
    const v = readJson(cell) as { date?: string; time?: string | null } | null;
    if (!v?.date) return null;
    return v.time ? `${v.date}T${v.time}Z` : v.date;
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    const o = asObject('date', write);
    const d = validDate('date', o.date, write);
    let time: string | null = null;
    if (o.time !== undefined && o.time !== null && o.time !== '') {
      const m = typeof o.time === 'string' ? TIME.exec(o.time) : null;
      if (!m) throw new ColumnValueError('date', `invalid time ${JSON.stringify(o.time)}: use HH:MM:SS`, write);
      time = `${m[1]}:${m[2]}:${m[3] ?? '00'}`;
    }
    return { value: { date: d, time, changed_at: ctx.now }, text: time ? `${d} ${time.slice(0, 5)}` : d };
  },
  fromSimple: (value) => {
    const [d, t] = value.trim().split(/[ T]/);
    return t ? { date: d, time: t } : { date: d };
  },
};

export interface TimelineValue {
  from: string;
  to: string;
}

export const timeline: ColumnCodec<TimelineValue> = {
  type: 'timeline',
  coerce: (input) => {
    if (isBlank(input)) return null;
    const o = toRecord('timeline', input);
    return { from: toDateString('timeline', o.from).slice(0, 10), to: toDateString('timeline', o.to).slice(0, 10) };
  },
  encode: (plain) => ({ from: plain.from, to: plain.to }),
  decode: (cell) => {
    const v = readJson(cell) as { from?: string; to?: string } | null;
    return v?.from && v.to ? { from: v.from, to: v.to } : null;
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    const o = asObject('timeline', write);
    const from = validDate('timeline', o.from, write);
    const to = validDate('timeline', o.to, write);
    if (from > to) throw new ColumnValueError('timeline', 'timeline "from" must not be after "to"', write);
    return { value: { from, to, changed_at: ctx.now }, text: `${from} - ${to}` };
  },
  fromSimple: (value) => {
    const [from, to] = value.split(';').map((s) => s.trim());
    return { from, to };
  },
};

export interface HourValue {
  hour: number;
  minute: number;
}

export const hour: ColumnCodec<HourValue> = {
  type: 'hour',
  coerce: (input) => {
    if (isBlank(input)) return null;
    if (typeof input === 'string') {
      const m = /^\s*(\d{1,2}):(\d{2})/.exec(input);
      if (!m) throw new ColumnValueError('hour', `an hour column needs HH:MM, not ${JSON.stringify(input)}`, input);
      return { hour: Number(m[1]), minute: Number(m[2]) };
    }
    const o = toRecord('hour', input);
    return { hour: toNumber('hour', o.hour), minute: o.minute === undefined ? 0 : toNumber('hour', o.minute) };
  },
  encode: (plain) => ({ hour: plain.hour, minute: plain.minute }),
  decode: (cell) => {
    const v = readJson(cell) as { hour?: number; minute?: number } | null;
    return v && typeof v.hour === 'number' ? { hour: v.hour, minute: v.minute ?? 0 } : null;
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    const o = asObject('hour', write);
    const h = Number(o.hour);
    const m = o.minute === undefined ? 0 : Number(o.minute);
    if (!Number.isInteger(h) || h < 0 || h > 23 || !Number.isInteger(m) || m < 0 || m > 59) {
      throw new ColumnValueError('hour', 'hour needs hour 0-23 and minute 0-59', write);
    }
    const text = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    return { value: { hour: h, minute: m, changed_at: ctx.now }, text };
  },
  fromSimple: (value) => {
    const [h, m] = value.split(':').map(Number);
    return { hour: h, minute: m ?? 0 };
  },
};
