import { ColumnValueError } from './errors';
import type { Applied } from './types';

/** What monday stores for a cleared column. */
export const EMPTY: Applied = { value: null, text: '' };

/** Parses a monday JSON write value that may arrive as an object or a JSON string. */
export function parseWrite(type: string, write: unknown): unknown {
  if (typeof write !== 'string') return write;
  const trimmed = write.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      throw new ColumnValueError(type, `invalid JSON value for a ${type} column`, write);
    }
  }
  return write;
}

export function asObject(type: string, write: unknown): Record<string, unknown> {
  const parsed = parseWrite(type, write);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ColumnValueError(type, `a ${type} column expects a JSON object`, write);
  }
  return parsed as Record<string, unknown>;
}

/** Parses a read cell's JSON `value`; monday returns null for empty columns. */
export function readJson(cell: { value: string | null }): unknown {
  if (cell.value === null || cell.value === '') return null;
  try {
    return JSON.parse(cell.value);
  } catch {
    return null;
  }
}

export function isEmptyWrite(write: unknown): boolean {
  if (write === null || write === undefined || write === '') return true;
  return typeof write === 'object' && !Array.isArray(write) && Object.keys(write as object).length === 0;
}

/**
 * Display names for ids (people, linked items, tags). Without a lookup the ids stand for themselves;
 * with one, an id it does not know is refused, as monday refuses ids that do not exist.
 */
export function namesFor(type: string, ids: number[], lookup: ((id: number) => string | undefined) | undefined, noun: string, write: unknown): string[] {
  return ids.map((id) => {
    const name = lookup ? lookup(id) : String(id);
    if (name === undefined) throw new ColumnValueError(type, `${noun} ${id} does not exist`, write);
    return name;
  });
}

/** Reads `{<key>, text}` columns (email, link): text falls back to the main field. */
export function decodeWithText(cell: { value: string | null }, key: string): { main: string; text: string } | null {
  const v = readJson(cell) as Record<string, unknown> | null;
  const main = v?.[key];
  if (typeof main !== 'string' || main === '') return null;
  return { main, text: typeof v?.text === 'string' && v.text !== '' ? v.text : main };
}

export function idList(type: string, v: unknown, write: unknown): number[] {
  if (!Array.isArray(v) || v.some((x) => !Number.isInteger(Number(x)))) {
    throw new ColumnValueError(type, `${type} expects a list of numeric ids`, write);
  }
  return v.map(Number);
}
