import { isBlank, toText, toNumber, toBoolean, toIds, toLabels } from './coerce';
import { ColumnValueError } from './errors';
import { EMPTY, asObject, idList, isEmptyWrite, namesFor, parseWrite, readJson } from './shared';
import type { ColumnCodec } from './types';

type StatusLabels = Record<string, string>;

function statusLabels(settings: Record<string, unknown> | undefined): StatusLabels {
  const labels = settings?.labels;
  return labels && typeof labels === 'object' && !Array.isArray(labels) ? (labels as StatusLabels) : {};
}

function statusWrite(write: unknown): { label?: string; index?: number } {
  const parsed = parseWrite('status', write);
  if (typeof parsed === 'string') return { label: parsed };
  const o = asObject('status', parsed);
  if (typeof o.label === 'string') return { label: o.label };
  if (typeof o.index === 'number' || (typeof o.index === 'string' && /^\d+$/.test(o.index))) return { index: Number(o.index) };
  throw new ColumnValueError('status', 'a status value needs a label or an index', write);
}

/** Plain value: the label text. */
export const status: ColumnCodec<string> = {
  type: 'status',
  coerce: (input) => (isBlank(input) ? null : toText('status', input).trim()),
  encode: (plain) => ({ label: plain }),
  decode: (cell, settings) => {
    if (cell.text) return cell.text;
    const v = readJson(cell) as { index?: number } | null;
    return v && typeof v.index === 'number' ? (statusLabels(settings)[String(v.index)] ?? null) : null;
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    const labels = statusLabels(ctx.settings);
    const w = statusWrite(write);
    let index = w.index;
    let settings: Record<string, unknown> | undefined;
    if (w.label !== undefined) {
      const found = Object.entries(labels).find(([, l]) => l === w.label);
      if (found) index = Number(found[0]);
      else if (ctx.createLabels) {
        index = Math.max(-1, ...Object.keys(labels).map(Number)) + 1;
        settings = { ...ctx.settings, labels: { ...labels, [String(index)]: w.label } };
      } else {
        const possible = Object.entries(labels).map(([i, l]) => `${i}: ${l}`).join(', ');
        throw new ColumnValueError('status', `This status label doesn't exist, possible statuses are: {${possible}}`, write);
      }
    } else if (labels[String(index)] === undefined) {
      throw new ColumnValueError('status', `This status index doesn't exist: ${index}`, write);
    }
    const text = (settings ? (settings.labels as StatusLabels) : labels)[String(index)];
    return { value: { index, post_id: null, changed_at: ctx.now }, text, ...(settings ? { settings } : {}) };
  },
};

interface DropdownLabel {
  id: number;
  name: string;
}

function dropdownLabels(settings: Record<string, unknown> | undefined): DropdownLabel[] {
  return Array.isArray(settings?.labels) ? (settings.labels as DropdownLabel[]) : [];
}

/** Plain value: the selected labels' texts. */
export const dropdown: ColumnCodec<string[]> = {
  type: 'dropdown',
  coerce: (input) => {
    if (isBlank(input)) return null;
    const labels = toLabels('dropdown', input);
    return labels.length ? labels : null;
  },
  encode: (plain) => ({ labels: plain }),
  decode: (cell, settings) => {
    const v = readJson(cell) as { ids?: number[] } | null;
    const known = dropdownLabels(settings);
    if (v?.ids && known.length > 0) return v.ids.map((id) => known.find((l) => l.id === id)?.name ?? String(id));
    return cell.text ? cell.text.split(', ') : null;
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    let known = dropdownLabels(ctx.settings);
    const o = asObject('dropdown', write);
    let ids: number[];
    let created = false;
    if (Array.isArray(o.ids)) {
      ids = o.ids.map(Number);
      const missing = ids.find((id) => !known.some((l) => l.id === id));
      if (missing !== undefined) throw new ColumnValueError('dropdown', `The dropdown label id ${missing} does not exist`, write);
    } else if (Array.isArray(o.labels)) {
      ids = [];
      for (const raw of o.labels) {
        if (typeof raw !== 'string') throw new ColumnValueError('dropdown', 'dropdown labels must be strings', write);
        let label = known.find((l) => l.name === raw);
        if (!label) {
          if (!ctx.createLabels) throw new ColumnValueError('dropdown', `The dropdown label '${raw}' does not exist`, write);
          label = { id: Math.max(0, ...known.map((l) => l.id)) + 1, name: raw };
          known = [...known, label];
          created = true;
        }
        ids.push(label.id);
      }
    } else throw new ColumnValueError('dropdown', 'a dropdown value needs labels or ids', write);
    const text = ids.map((id) => known.find((l) => l.id === id)!.name).join(', ');
    return { value: { ids, changed_at: ctx.now }, text, ...(created ? { settings: { ...ctx.settings, labels: known } } : {}) };
  },
  fromSimple: (value) => ({ labels: value.split(',').map((s) => s.trim()).filter(Boolean) }),
};

export const checkbox: ColumnCodec<boolean> = {
  type: 'checkbox',
  coerce: (input) => (isBlank(input) ? null : toBoolean('checkbox', input)),
  encode: (plain) => (plain ? { checked: 'true' } : null),
  decode: (cell) => {
    const v = readJson(cell) as { checked?: unknown } | null;
    return v?.checked === true || v?.checked === 'true';
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    const o = asObject('checkbox', write);
    if (o.checked === true || o.checked === 'true') return { value: { checked: 'true', changed_at: ctx.now }, text: 'v' };
    if (o.checked === false || o.checked === 'false') return EMPTY;
    throw new ColumnValueError('checkbox', 'checked must be "true" or "false"', write);
  },
};

export const rating: ColumnCodec<number> = {
  type: 'rating',
  coerce: (input) => {
    if (isBlank(input)) return null;
    const r = toNumber('rating', input);
    if (!Number.isInteger(r) || r < 0) throw new ColumnValueError('rating', 'rating must be a whole number', input);
    return r;
  },
  encode: (plain) => ({ rating: plain }),
  decode: (cell) => {
    const v = readJson(cell) as { rating?: unknown } | null;
    return typeof v?.rating === 'number' && v.rating > 0 ? v.rating : null;
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    const o = asObject('rating', write);
    const max = typeof ctx.settings.max === 'number' ? ctx.settings.max : 5;
    const r = Number(o.rating);
    if (!Number.isInteger(r) || r < 0 || r > max) throw new ColumnValueError('rating', `rating must be a whole number from 0 to ${max}`, write);
    return r === 0 ? EMPTY : { value: { rating: r, changed_at: ctx.now }, text: String(r) };
  },
};


/** Plain value: tag ids. */
export const tags: ColumnCodec<number[]> = {
  type: 'tags',
  coerce: (input) => (isBlank(input) ? null : toIds('tags', input)),
  encode: (plain) => ({ tag_ids: plain }),
  decode: (cell) => {
    const v = readJson(cell) as { tag_ids?: number[] } | null;
    return v?.tag_ids?.length ? v.tag_ids : null;
  },
  apply(write, ctx) {
    if (isEmptyWrite(write)) return EMPTY;
    const ids = idList('tags', asObject('tags', write).tag_ids, write);
    const names = namesFor('tags', ids, ctx.lookups?.tagName, 'tag', write);
    return ids.length === 0 ? EMPTY : { value: { tag_ids: ids }, text: names.join(', ') };
  },
};
