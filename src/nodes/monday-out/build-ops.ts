/**
 * Turns the out node's input items into monday writes: resolves column ids or titles against the
 * board's columns, coerces and encodes every value with its column type's codec, and checks it as
 * monday would (labels, ranges) so bad values fail per item before any API call.
 */
import { CrmError, toCrmError } from '../../core/errors';
import type { BoardMeta, ColumnMeta, WriteOp } from '../../connectors/monday';
import { clearWrite, codecFor, READ_ONLY_COLUMN_TYPES } from '../../connectors/monday/columns';

export const OPERATIONS = ['create', 'change', 'rename', 'delete', 'archive', 'update'] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface OutOptions {
  operation: Operation;
  groupId?: string;
  createLabels: boolean;
}

export type Built = { ok: true; op: WriteOp } | { ok: false; error: CrmError };

function invalid(message: string): CrmError {
  return new CrmError('INVALID_INPUT', message, { params: { message } });
}

function findColumn(board: BoardMeta, key: string): ColumnMeta | undefined {
  const lower = key.trim().toLowerCase();
  return board.columns.find((c) => c.id === key) ?? board.columns.find((c) => c.title.trim().toLowerCase() === lower);
}

/** {columnIdOrTitle: plainValue} → monday's column_values JSON string. */
export function encodeColumns(board: BoardMeta, columns: Record<string, unknown>, createLabels: boolean): string {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(columns)) {
    const column = findColumn(board, key);
    if (!column) {
      throw new CrmError('MONDAY_COLUMN_NOT_FOUND', `Board ${board.id} has no column "${key}"`, { params: { message: `no column "${key}" on board ${board.id}`, column: key } });
    }
    if (READ_ONLY_COLUMN_TYPES.includes(column.type)) {
      throw new CrmError('MONDAY_COLUMN_READ_ONLY', `Column "${column.title}" (${column.type}) is computed by monday and cannot be written`, { params: { column: column.title, columnType: column.type } });
    }
    const codec = codecFor(column.type);
    if (!codec) {
      // A type we have no codec for: pass the value as monday's own JSON, monday decides.
      out[column.id] = raw;
      continue;
    }
    const plain = codec.coerce(raw);
    const write = plain === null ? clearWrite(column.type) : codec.encode(plain);
    if (plain !== null) codec.apply(write, { settings: column.settings, createLabels, now: new Date().toISOString() });
    out[column.id] = write;
  }
  return JSON.stringify(out);
}

function text(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function itemIdOf(input: Record<string, unknown>): string {
  const id = text(input.itemId ?? input.id);
  if (!id || !/^\d+$/.test(id)) throw invalid('itemId is missing or not a monday item id (a number)');
  return id;
}

/** One input item → one write, or the reason it cannot be one. */
export function buildOp(board: BoardMeta, input: unknown, options: OutOptions): Built {
  try {
    if (!input || typeof input !== 'object' || Array.isArray(input)) throw invalid('each item must be an object {itemId?, name?, groupId?, columns}');
    const item = input as Record<string, unknown>;
    const columns = item.columns ?? {};
    if (typeof columns !== 'object' || columns === null || Array.isArray(columns)) throw invalid('columns must be an object {columnIdOrTitle: value}');
    const cols = columns as Record<string, unknown>;
    const labels = options.createLabels;
    switch (options.operation) {
      case 'create': {
        const name = text(item.name);
        if (!name) throw invalid('name is required to create an item');
        const groupId = text(item.groupId) ?? options.groupId;
        const vars = { board_id: board.id, item_name: name, group_id: groupId, column_values: encodeColumns(board, cols, labels), create_labels_if_missing: labels || undefined };
        return { ok: true, op: { kind: 'create_item', vars } };
      }
      case 'change': {
        if (Object.keys(cols).length === 0) throw invalid('columns is empty: nothing to change');
        const vars = { board_id: board.id, item_id: itemIdOf(item), column_values: encodeColumns(board, cols, labels), create_labels_if_missing: labels || undefined };
        return { ok: true, op: { kind: 'change_columns', vars } };
      }
      case 'rename': {
        const name = text(item.name);
        if (!name) throw invalid('name is required to rename an item');
        return { ok: true, op: { kind: 'change_columns', vars: { board_id: board.id, item_id: itemIdOf(item), column_values: JSON.stringify({ name }) } } };
      }
      case 'delete':
        return { ok: true, op: { kind: 'delete_item', vars: { item_id: itemIdOf(item) } } };
      case 'archive':
        return { ok: true, op: { kind: 'archive_item', vars: { item_id: itemIdOf(item) } } };
      case 'update': {
        const body = text(item.body ?? item.update);
        if (!body) throw invalid('body (the update text) is required to post an update');
        return { ok: true, op: { kind: 'create_update', vars: { item_id: itemIdOf(item), body } } };
      }
    }
  } catch (err) {
    return { ok: false, error: toCrmError(err) };
  }
}
