/**
 * Read mode: a board's items page by page, one message per page, column values decoded to plain
 * values per column type. One page is looked ahead so the last message can say it is the last.
 */
import type { BoardMeta, MondayClient, RawItem } from '../../connectors/monday';
import { codecFor } from '../../connectors/monday/columns';

export interface PlainItem {
  id: string;
  name: string;
  groupId?: string;
  groupTitle?: string;
  updatedAt?: string;
  columns: Record<string, unknown>;
}

export function decodeItem(board: BoardMeta, item: RawItem): PlainItem {
  const columns: Record<string, unknown> = {};
  for (const cell of item.column_values) {
    const meta = board.columns.find((c) => c.id === cell.id);
    const codec = codecFor(cell.type);
    columns[cell.id] = codec ? codec.decode({ value: cell.value, text: cell.text }, meta?.settings) : cell.text || null;
  }
  return { id: item.id, name: item.name, groupId: item.group?.id, groupTitle: item.group?.title, updatedAt: item.updated_at, columns };
}

export interface PageOut {
  items: PlainItem[];
  page: number;
  last: boolean;
  total: number;
}

export async function readBoard(
  client: MondayClient,
  boardId: string,
  options: { groupId?: string; queryParams?: Record<string, unknown>; limit?: number },
  emit: (page: PageOut, board: BoardMeta) => void,
): Promise<{ pages: number; total: number }> {
  const board = await client.board(boardId);
  let held: RawItem[] | undefined;
  let page = 0;
  let total = 0;
  const flush = (items: RawItem[], last: boolean) => {
    page += 1;
    total += items.length;
    emit({ items: items.map((i) => decodeItem(board, i)), page, last, total }, board);
  };
  for await (const items of client.itemPages(boardId, options)) {
    if (held) flush(held, false);
    held = items;
  }
  flush(held ?? [], true);
  return { pages: page, total };
}
