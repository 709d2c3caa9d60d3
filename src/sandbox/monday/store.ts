import { codecFor, ColumnValueError, READ_ONLY_COLUMN_TYPES } from '../../connectors/monday/columns';
import type { Lookups } from '../../connectors/monday/columns';
import { mondayError } from './errors';
import type { BoardRec, CellRec, ChangeEvent, ColumnRec, ItemRec, UpdateRec, UserRec, WebhookRec } from './model';

function withoutStamp(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const { changed_at: _changedAt, ...rest } = value as Record<string, unknown>;
  return rest;
}

function sameCell(previous: CellRec | undefined, next: CellRec): boolean {
  if (!previous) return next.value === null;
  return JSON.stringify(withoutStamp(previous.value)) === JSON.stringify(withoutStamp(next.value));
}

export interface WriteOptions {
  createLabels: boolean;
  userId: string;
}

/**
 * The account's data and every change to it. All writes go through here, whether they come from the
 * API or from the twin's "user activity" endpoint, so both emit the same webhook events.
 */
export class MondayStore {
  readonly boards = new Map<string, BoardRec>();
  readonly items = new Map<string, ItemRec>();
  readonly users = new Map<string, UserRec>();
  readonly tags = new Map<number, string>();
  readonly updates = new Map<string, UpdateRec>();
  readonly webhooks = new Map<string, WebhookRec>();
  private seq = 1_800_000_000;
  private readonly listeners: Array<(e: ChangeEvent) => void> = [];

  constructor(private readonly now: () => number) {}

  nextId(): string {
    this.seq += 1;
    return String(this.seq);
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  onChange(listener: (e: ChangeEvent) => void): void {
    this.listeners.push(listener);
  }

  private emit(e: ChangeEvent): void {
    for (const l of this.listeners) l(e);
  }

  board(id: unknown): BoardRec {
    const b = this.boards.get(String(id));
    if (!b) throw mondayError('InvalidBoardIdException', 'The board does not exist. Please check your board ID and try again', { board_id: Number(id) });
    return b;
  }

  item(id: unknown): ItemRec {
    const it = this.items.get(String(id));
    if (!it || it.state === 'deleted') throw mondayError('InvalidItemIdException', 'Item not found in board', { item_id: Number(id) });
    return it;
  }

  activeItems(board: BoardRec): ItemRec[] {
    return board.itemIds.map((id) => this.items.get(id)!).filter((it) => it.state === 'active');
  }

  lookups(): Lookups {
    return {
      userName: (id) => this.users.get(String(id))?.name,
      teamName: () => undefined,
      itemName: (id) => {
        const it = this.items.get(String(id));
        return it && it.state !== 'deleted' ? it.name : undefined;
      },
      tagName: (id) => this.tags.get(id),
    };
  }

  /**
   * Reads a column_values JSON (string or object) and computes every new cell before touching the
   * item, so one bad column leaves the item exactly as it was (monday applies all or nothing).
   */
  private prepare(board: BoardRec, raw: unknown, opts: WriteOptions): { name?: string; cells: Array<{ column: ColumnRec; cell: CellRec; settings?: Record<string, unknown> }> } {
    let values: unknown = raw;
    if (typeof raw === 'string') {
      try {
        values = JSON.parse(raw);
      } catch {
        throw mondayError('JsonParseException', 'Invalid JSON in column_values', { column_values: raw }, 400);
      }
    }
    if (values === null || values === undefined) return { cells: [] };
    if (typeof values !== 'object' || Array.isArray(values)) {
      throw mondayError('JsonParseException', 'column_values must be a JSON object keyed by column id', {}, 400);
    }
    const out: ReturnType<MondayStore['prepare']> = { cells: [] };
    for (const [columnId, write] of Object.entries(values as Record<string, unknown>)) {
      if (columnId === 'name') {
        if (typeof write !== 'string' || write.trim() === '') throw mondayError('ColumnValueException', 'Item name must be a non-empty string', { column_id: 'name' });
        out.name = write;
        continue;
      }
      out.cells.push(this.prepareCell(board, columnId, write, opts));
    }
    return out;
  }

  private prepareCell(board: BoardRec, columnId: string, write: unknown, opts: WriteOptions) {
    const column = board.columns.find((c) => c.id === columnId);
    if (!column) throw mondayError('InvalidColumnIdException', "This column ID doesn't exist for the board", { column_id: columnId, board_id: Number(board.id) });
    const codec = codecFor(column.type);
    if (!codec || READ_ONLY_COLUMN_TYPES.includes(column.type)) {
      throw mondayError('ColumnValueException', `The column ${column.title} (${column.type}) is read-only and cannot be changed`, { column_id: columnId, column_type: column.type });
    }
    try {
      const applied = codec.apply(write, { settings: column.settings, createLabels: opts.createLabels, now: this.iso(), lookups: this.lookups() });
      return { column, cell: { value: applied.value, text: applied.text }, settings: applied.settings };
    } catch (err) {
      if (err instanceof ColumnValueError) {
        throw mondayError('ColumnValueException', err.message, { column_id: columnId, column_type: column.type, column_value: write });
      }
      throw err;
    }
  }

  createItem(boardId: unknown, name: string, groupId: string | undefined, columnValues: unknown, opts: WriteOptions, parentItemId?: string): ItemRec {
    const board = this.board(boardId);
    const group = groupId === undefined || groupId === null ? board.groups[0] : board.groups.find((g) => g.id === groupId);
    if (!group) throw mondayError('InvalidGroupIdException', 'The group does not exist', { group_id: groupId, board_id: Number(board.id) });
    const prepared = this.prepare(board, columnValues, opts);
    const now = this.iso();
    const item: ItemRec = {
      id: this.nextId(), boardId: board.id, groupId: group.id, name: prepared.name ?? name, state: 'active',
      creatorId: opts.userId, createdAt: now, updatedAt: now, values: new Map(), ...(parentItemId ? { parentItemId } : {}),
    };
    this.commitCells(item, prepared.cells);
    this.items.set(item.id, item);
    board.itemIds.push(item.id);
    this.emit({ kind: 'create_item', item, userId: opts.userId });
    return item;
  }

  changeValues(boardId: unknown, itemId: unknown, columnValues: unknown, opts: WriteOptions): ItemRec {
    const board = this.board(boardId);
    const item = this.item(itemId);
    if (item.boardId !== board.id) throw mondayError('InvalidItemIdException', 'Item not found in board', { item_id: Number(itemId), board_id: Number(board.id) });
    const prepared = this.prepare(board, columnValues, opts);
    const changes = this.commitCells(item, prepared.cells);
    if (prepared.name !== undefined && prepared.name !== item.name) this.rename(item, prepared.name, opts.userId);
    for (const c of changes) this.emit({ kind: 'change_column_value', item, ...c, userId: opts.userId });
    return item;
  }

  /** Subitems live on the parent board's subitems board, made by `subitemsBoard` on first use. */
  createSubitem(parentItemId: unknown, name: string, columnValues: unknown, opts: WriteOptions, subitemsBoard: (parent: BoardRec) => BoardRec): ItemRec {
    const parent = this.item(parentItemId);
    if (parent.parentItemId) throw mondayError('InvalidArgumentException', 'Subitems cannot have subitems', { parent_item_id: Number(parentItemId) });
    const board = this.board(parent.boardId);
    const sub = board.subitemsBoardId ? this.board(board.subitemsBoardId) : subitemsBoard(board);
    board.subitemsBoardId = sub.id;
    return this.createItem(sub.id, name, undefined, columnValues, opts, parent.id);
  }

  changeOne(boardId: unknown, itemId: unknown, columnId: string, write: unknown, opts: WriteOptions): ItemRec {
    return this.changeValues(boardId, itemId, { [columnId]: write }, opts);
  }

  rename(item: ItemRec, name: string, userId: string): void {
    const previousName = item.name;
    if (name === previousName) return;
    item.name = name;
    item.updatedAt = this.iso();
    this.emit({ kind: 'change_name', item, previousName, userId });
  }

  private commitCells(item: ItemRec, cells: Array<{ column: ColumnRec; cell: CellRec; settings?: Record<string, unknown> }>) {
    const changes: Array<{ column: ColumnRec; value: CellRec | undefined; previous: CellRec | undefined }> = [];
    for (const { column, cell, settings } of cells) {
      if (settings) column.settings = settings;
      const previous = item.values.get(column.id);
      // Writing what is already there changes nothing, so it fires no event. [UNVERIFIED] for monday.
      if (sameCell(previous, cell)) continue;
      if (cell.value === null) item.values.delete(column.id);
      else item.values.set(column.id, cell);
      changes.push({ column, value: cell.value === null ? undefined : cell, previous });
    }
    if (changes.length > 0) item.updatedAt = this.iso();
    return changes;
  }

  removeItem(itemId: unknown, kind: 'item_deleted' | 'item_archived', userId: string): ItemRec {
    const item = this.item(itemId);
    item.state = kind === 'item_deleted' ? 'deleted' : 'archived';
    item.updatedAt = this.iso();
    this.emit({ kind, item, userId });
    return item;
  }

  createUpdate(itemId: unknown, body: string, userId: string): UpdateRec {
    const item = this.item(itemId);
    const update: UpdateRec = { id: this.nextId(), itemId: item.id, body, creatorId: userId, createdAt: this.iso() };
    this.updates.set(update.id, update);
    this.emit({ kind: 'create_update', item, update, userId });
    return update;
  }
}
