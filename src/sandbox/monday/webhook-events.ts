import type { BoardRec, CellRec, ChangeEvent, ColumnRec, ItemRec } from './model';

/**
 * monday's webhook payloads keep the legacy names from before items were items: pulses, "color"
 * for status and "multiple-person" for people. Only "color" and "multiple-person" are confirmed;
 * the rest follow monday's legacy type names as seen in old API payloads [UNVERIFIED].
 */
const LEGACY_COLUMN_TYPES: Record<string, string> = {
  status: 'color', people: 'multiple-person', long_text: 'long-text', numbers: 'numeric', checkbox: 'boolean',
  board_relation: 'board-relation', tags: 'tag', timeline: 'timerange',
};

const SUBITEM_EVENTS: Record<string, string> = {
  create_item: 'create_subitem', change_column_value: 'change_subitem_column_value', change_name: 'change_subitem_name',
  item_archived: 'subitem_archived', item_deleted: 'subitem_deleted', create_update: 'create_subitem_update',
};

/**
 * Which subscription events a change fires (a webhook's `event` argument). Subitem changes fire the
 * subitem events, which are subscribed to on the parent board.
 */
export function subscriptionEvents(e: ChangeEvent): string[] {
  if (e.item.parentItemId) return [SUBITEM_EVENTS[e.kind]];
  switch (e.kind) {
    case 'create_item':
      return ['create_item'];
    case 'change_column_value':
      return ['change_column_value', 'change_specific_column_value', ...(e.column.type === 'status' ? ['change_status_column_value'] : [])];
    case 'change_name':
      return ['change_name'];
    default:
      return [e.kind];
  }
}

function legacyValue(column: ColumnRec, cell: CellRec | undefined): unknown {
  if (!cell) return null;
  const v = cell.value as Record<string, unknown>;
  switch (column.type) {
    case 'status': {
      const colors = (column.settings.labels_colors ?? {}) as Record<string, unknown>;
      const done = Array.isArray(column.settings.done_colors) && column.settings.done_colors.includes(v.index);
      return { label: { index: v.index, text: cell.text, style: colors[String(v.index)] ?? {}, is_done: done }, post_id: null };
    }
    case 'text':
      return { value: cell.value };
    case 'numbers':
      return { value: Number(cell.value), unit: null };
    default:
      return cell.value;
  }
}

function groupOf(board: BoardRec, item: ItemRec) {
  const index = board.groups.findIndex((g) => g.id === item.groupId);
  const g = board.groups[index];
  return { groupId: g.id, groupName: g.title, groupColor: g.color, isTopGroup: index === 0 };
}

/** The type-specific part of an `event` (everything after monday's common envelope fields). */
export function eventBody(board: BoardRec, e: ChangeEvent, now: number): Record<string, unknown> {
  const item = e.item;
  const parent = item.parentItemId ? { parentItemId: item.parentItemId, parentItemBoardId: board.parentBoardId } : {};
  switch (e.kind) {
    case 'create_item': {
      const columnValues: Record<string, unknown> = {};
      for (const c of board.columns) if (item.values.has(c.id)) columnValues[c.id] = legacyValue(c, item.values.get(c.id));
      return { type: 'create_pulse', pulseId: Number(item.id), pulseName: item.name, ...groupOf(board, item), columnValues, ...parent };
    }
    case 'change_column_value':
      return {
        type: 'update_column_value', pulseId: Number(item.id), pulseName: item.name, groupId: item.groupId, isTopGroup: groupOf(board, item).isTopGroup,
        columnId: e.column.id, columnType: LEGACY_COLUMN_TYPES[e.column.type] ?? e.column.type, columnTitle: e.column.title,
        value: legacyValue(e.column, e.value), previousValue: legacyValue(e.column, e.previous), changedAt: now / 1000, ...parent,
      };
    case 'change_name':
      return { type: 'update_name', pulseId: Number(item.id), groupId: item.groupId, value: { name: item.name }, previousValue: { name: e.previousName }, ...parent };
    case 'item_deleted':
      return { type: 'delete_pulse', itemId: Number(item.id), itemName: item.name, ...parent };
    case 'item_archived':
      return { type: 'archive_pulse', itemId: Number(item.id), itemName: item.name, ...parent };
    case 'create_update':
      return {
        type: 'create_update', pulseId: Number(item.id), updateId: Number(e.update.id), body: e.update.body,
        textBody: e.update.body.replace(/<[^>]*>/g, ''), replyId: null, ...parent,
      };
  }
}
