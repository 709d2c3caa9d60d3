import { isBlank, toText, toNumber, toRecord } from './coerce';
import { ColumnValueError } from './errors';
import { EMPTY, asObject, decodeWithText, isEmptyWrite, parseWrite, readJson } from './shared';
import type { ColumnCodec } from './types';

function str(type: string, v: unknown, field: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new ColumnValueError(type, `${field} must be a string`, v);
}

function field(cell: { value: string | null }, key: string): unknown {
  const v = readJson(cell);
  return v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
}

export const text: ColumnCodec<string> = {
  type: 'text',
  coerce: (input) => (isBlank(input) ? null : toText('text', input)),
  encode: (plain) => plain,
  decode: (cell) => {
    const v = readJson(cell);
    if (typeof v === 'string') return v;
    return cell.text ? cell.text : null;
  },
  apply(write) {
    if (isEmptyWrite(write)) return EMPTY;
    const s = str('text', write, 'a text value');
    return { value: s, text: s };
  },
};

export const longText: ColumnCodec<string> = {
  type: 'long_text',
  coerce: (input) => (isBlank(input) ? null : toText('long_text', input)),
  encode: (plain) => ({ text: plain }),
  decode: (cell) => {
    const t = field(cell, 'text');
    return typeof t === 'string' && t !== '' ? t : null;
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    const parsed = parseWrite('long_text', write);
    const s = typeof parsed === 'object' && parsed !== null ? str('long_text', (parsed as { text?: unknown }).text, 'text') : str('long_text', parsed, 'text');
    return { value: { text: s, changed_at: ctx.now }, text: s };
  },
};

export const numbers: ColumnCodec<number> = {
  type: 'numbers',
  coerce: (input) => (isBlank(input) ? null : toNumber('numbers', input)),
  encode: (plain) => String(plain),
  decode: (cell) => {
    const v = readJson(cell);
    const n = typeof v === 'string' || typeof v === 'number' ? Number(v) : NaN;
    return v === '' || Number.isNaN(n) ? null : n;
  },
  apply(write) {
    if (isEmptyWrite(write)) return EMPTY;
    const s = typeof write === 'number' ? String(write) : typeof write === 'string' ? write.trim() : undefined;
    if (s === undefined || s === '' || !Number.isFinite(Number(s))) {
      throw new ColumnValueError('numbers', 'invalid value, please send a numeric value', write);
    }
    return { value: s, text: s };
  },
};

/** Reads a `{<key>, text}` write (email, link); an absent or empty text defaults to the main field. */
function writeWithText(type: string, write: unknown, key: string): { main: string; text: string } {
  const o = asObject(type, write);
  const main = str(type, o[key], key);
  return { main, text: o.text === undefined || o.text === '' ? main : str(type, o.text, 'text') };
}

/** change_simple_column_value's "<main> <text...>" form. */
function simpleWithText(key: string, value: string): Record<string, string> {
  const [main, ...rest] = value.trim().split(/\s+/);
  return { [key]: main, text: rest.join(' ') || main };
}

export interface EmailValue {
  email: string;
  text?: string;
}

// A deliberately loose check, like monday's: it refuses what is clearly not an address.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const email: ColumnCodec<EmailValue> = {
  type: 'email',
  coerce: (input) => {
    if (isBlank(input)) return null;
    const o = typeof input === 'string' ? { email: input.trim() } : toRecord('email', input);
    const e = toText('email', o.email);
    if (!EMAIL.test(e)) throw new ColumnValueError('email', `invalid email address: ${e}`, input);
    return o.text === undefined ? { email: e } : { email: e, text: toText('email', o.text) };
  },
  encode: (plain) => ({ email: plain.email, text: plain.text ?? plain.email }),
  decode: (cell) => {
    const d = decodeWithText(cell, 'email');
    return d && { email: d.main, text: d.text };
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    const { main: e, text: t } = writeWithText('email', write, 'email');
    if (!EMAIL.test(e)) throw new ColumnValueError('email', `invalid email address: ${e}`, write);
    return { value: { email: e, text: t, changed_at: ctx.now }, text: e };
  },
  fromSimple: (value) => simpleWithText('email', value),
};

export interface PhoneValue {
  phone: string;
  countryShortName?: string;
}

export const phone: ColumnCodec<PhoneValue> = {
  type: 'phone',
  coerce: (input) => {
    if (isBlank(input)) return null;
    const o = typeof input === 'string' || typeof input === 'number' ? { phone: String(input).trim() } : toRecord('phone', input);
    const p = toText('phone', o.phone);
    return o.countryShortName === undefined ? { phone: p } : { phone: p, countryShortName: toText('phone', o.countryShortName).toUpperCase() };
  },
  encode: (plain) => (plain.countryShortName ? { phone: plain.phone, countryShortName: plain.countryShortName } : { phone: plain.phone }),
  decode: (cell) => {
    const p = field(cell, 'phone');
    if (typeof p !== 'string' || p === '') return null;
    const c = field(cell, 'countryShortName');
    return typeof c === 'string' && c !== '' ? { phone: p, countryShortName: c } : { phone: p };
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    const o = asObject('phone', write);
    const p = str('phone', o.phone, 'phone');
    if (!/^\+?[0-9][0-9 ()-]{2,30}$/.test(p)) throw new ColumnValueError('phone', `invalid phone number: ${p}`, write);
    const c = o.countryShortName === undefined ? undefined : str('phone', o.countryShortName, 'countryShortName');
    if (c !== undefined && !/^[A-Z]{2}$/.test(c)) throw new ColumnValueError('phone', `invalid countryShortName: ${c}`, write);
    return { value: { phone: p, countryShortName: c ?? '', changed_at: ctx.now }, text: p };
  },
  fromSimple: (value) => {
    const [p, c] = value.trim().split(/\s+/);
    return c ? { phone: p, countryShortName: c } : { phone: p };
  },
};

export interface LinkValue {
  url: string;
  text?: string;
}

export const link: ColumnCodec<LinkValue> = {
  type: 'link',
  coerce: (input) => {
    if (isBlank(input)) return null;
    const o = typeof input === 'string' ? { url: input.trim() } : toRecord('link', input);
    return o.text === undefined ? { url: toText('link', o.url) } : { url: toText('link', o.url), text: toText('link', o.text) };
  },
  encode: (plain) => ({ url: plain.url, text: plain.text ?? plain.url }),
  decode: (cell) => {
    const d = decodeWithText(cell, 'url');
    return d && { url: d.main, text: d.text };
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    const { main: u, text: t } = writeWithText('link', write, 'url');
    // [UNVERIFIED] display text "<text> - <url>" as seen in monday exports.
    return { value: { url: u, text: t, changed_at: ctx.now }, text: t === u ? u : `${t} - ${u}` };
  },
  fromSimple: (value) => simpleWithText('url', value),
};
