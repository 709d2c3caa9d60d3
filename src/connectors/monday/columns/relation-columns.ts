import { isBlank, toText, toNumber, toIds, toRecord } from './coerce';
import { ColumnValueError } from './errors';
import { EMPTY, asObject, idList, isEmptyWrite, namesFor, readJson } from './shared';
import type { ColumnCodec } from './types';

export interface PersonOrTeam {
  id: number;
  kind: 'person' | 'team';
}

/** Plain value: the people and teams assigned. */
export const people: ColumnCodec<PersonOrTeam[]> = {
  type: 'people',
  coerce: (input) => {
    if (isBlank(input)) return null;
    const list = Array.isArray(input) ? input : typeof input === 'string' ? input.split(',') : [input];
    return list.map((x) => {
      if (x && typeof x === 'object') {
        const o = x as { id?: unknown; kind?: unknown };
        return { id: toIds('people', o.id)[0], kind: o.kind === 'team' ? 'team' : 'person' };
      }
      return { id: toIds('people', x)[0], kind: 'person' };
    });
  },
  encode: (plain) => ({ personsAndTeams: plain.map((p) => ({ id: p.id, kind: p.kind })) }),
  decode: (cell) => {
    const v = readJson(cell) as { personsAndTeams?: PersonOrTeam[] } | null;
    return v?.personsAndTeams?.length ? v.personsAndTeams.map((p) => ({ id: Number(p.id), kind: p.kind })) : null;
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    const list = asObject('people', write).personsAndTeams;
    if (!Array.isArray(list)) throw new ColumnValueError('people', 'people expects personsAndTeams: [{id, kind}]', write);
    const entries = list.map((raw) => {
      const p = raw as { id?: unknown; kind?: unknown };
      const id = Number(p.id);
      const kind = p.kind ?? 'person';
      if (!Number.isInteger(id) || (kind !== 'person' && kind !== 'team')) {
        throw new ColumnValueError('people', 'each entry needs a numeric id and kind "person" or "team"', write);
      }
      return { id, kind: kind as PersonOrTeam['kind'] };
    });
    const names = entries.map((e) => namesFor('people', [e.id], e.kind === 'person' ? ctx.lookups?.userName : ctx.lookups?.teamName, e.kind, write)[0]);
    return entries.length === 0 ? EMPTY : { value: { personsAndTeams: entries, changed_at: ctx.now }, text: names.join(', ') };
  },
  fromSimple: (value) => ({
    personsAndTeams: value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((id) => ({ id: Number(id), kind: 'person' })),
  }),
};

/** Plain value: the linked item ids. */
export const boardRelation: ColumnCodec<number[]> = {
  type: 'board_relation',
  coerce: (input) => (isBlank(input) ? null : toIds('board_relation', input)),
  encode: (plain) => ({ item_ids: plain }),
  decode: (cell) => {
    const v = readJson(cell) as { linkedPulseIds?: Array<{ linkedPulseId: number }> } | null;
    return v?.linkedPulseIds?.length ? v.linkedPulseIds.map((l) => Number(l.linkedPulseId)) : null;
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    const ids = idList('board_relation', asObject('board_relation', write).item_ids, write);
    const names = namesFor('board_relation', ids, ctx.lookups?.itemName, 'item', write);
    if (ids.length === 0) return EMPTY;
    return { value: { linkedPulseIds: ids.map((linkedPulseId) => ({ linkedPulseId })), changed_at: ctx.now }, text: names.join(', ') };
  },
};

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** Plain value: the ISO 3166 alpha-2 country code. */
export const country: ColumnCodec<string> = {
  type: 'country',
  coerce: (input) => {
    if (isBlank(input)) return null;
    const code = toText('country', input).trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(code) || !regionNames.of(code)) throw new ColumnValueError('country', `invalid country code: ${code}`, input);
    return code;
  },
  encode: (plain) => ({ countryCode: plain.toUpperCase(), countryName: regionNames.of(plain.toUpperCase()) ?? plain }),
  decode: (cell) => {
    const v = readJson(cell) as { countryCode?: string } | null;
    return v?.countryCode ? v.countryCode : null;
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    const o = asObject('country', write);
    const code = typeof o.countryCode === 'string' ? o.countryCode : '';
    const name = /^[A-Z]{2}$/.test(code) ? regionNames.of(code) : undefined;
    if (!name) throw new ColumnValueError('country', `invalid country code: ${String(o.countryCode)}`, write);
    return { value: { countryCode: code, countryName: typeof o.countryName === 'string' ? o.countryName : name, changed_at: ctx.now }, text: name };
  },
};

export interface LocationValue {
  lat: number;
  lng: number;
  address?: string;
}

export const location: ColumnCodec<LocationValue> = {
  type: 'location',
  coerce: (input) => {
    if (isBlank(input)) return null;
    const o = typeof input === 'string' ? Object.fromEntries(input.split(',').slice(0, 2).map((s, i) => [i ? 'lng' : 'lat', s.trim()])) : toRecord('location', input);
    const out: LocationValue = { lat: toNumber('location', o.lat), lng: toNumber('location', o.lng) };
    if (typeof o.address === 'string' && o.address !== '') out.address = o.address;
    return out;
  },
  encode: (plain) => ({ lat: String(plain.lat), lng: String(plain.lng), address: plain.address ?? '' }),
  decode: (cell) => {
    const v = readJson(cell) as { lat?: unknown; lng?: unknown; address?: unknown } | null;
    if (!v || v.lat === undefined || v.lng === undefined) return null;
    const out: LocationValue = { lat: Number(v.lat), lng: Number(v.lng) };
    if (typeof v.address === 'string' && v.address !== '') out.address = v.address;
    return out;
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    const o = asObject('location', write);
    const lat = Number(o.lat);
    const lng = Number(o.lng);
    if (o.lat === undefined || o.lng === undefined || !(Math.abs(lat) <= 90) || !(Math.abs(lng) <= 180)) {
      throw new ColumnValueError('location', 'location needs lat (-90..90) and lng (-180..180)', write);
    }
    const address = typeof o.address === 'string' ? o.address : '';
    return { value: { lat: String(lat), lng: String(lng), address, changed_at: ctx.now }, text: address };
  },
};
