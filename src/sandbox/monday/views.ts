import type { BoardRec, ColumnRec, GroupRec, ItemRec, UpdateRec, UserRec } from './model';
import type { TwinContext } from './context';

/**
 * GraphQL source objects over the store. graphql-js's default resolver calls a property that is a
 * function with (args, context), so each view exposes lazy fields as methods and plain fields as data.
 */
const VALUE_TYPENAMES: Record<string, string> = {
  status: 'StatusValue', dropdown: 'DropdownValue', people: 'PeopleValue', date: 'DateValue', numbers: 'NumbersValue',
  text: 'TextValue', long_text: 'LongTextValue', email: 'EmailValue', phone: 'PhoneValue', link: 'LinkValue',
  checkbox: 'CheckboxValue', board_relation: 'BoardRelationValue', tags: 'TagsValue', timeline: 'TimelineValue',
  hour: 'HourValue', country: 'CountryValue', location: 'LocationValue', rating: 'RatingValue', formula: 'FormulaValue',
  item_id: 'ItemIdValue', creation_log: 'CreationLogValue', last_updated: 'LastUpdatedValue', mirror: 'MirrorValue',
  file: 'FileValue', vote: 'VoteValue', progress: 'ProgressValue', time_tracking: 'TimeTrackingValue', button: 'ButtonValue',
};

export function columnView(c: ColumnRec) {
  return {
    id: c.id, title: c.title, type: c.type, description: c.description, width: null, archived: false,
    settings: c.settings, settings_str: JSON.stringify(c.settings), revision: '1',
  };
}

export function accountView(ctx: TwinContext) {
  return {
    id: String(ctx.accountId), name: 'Twin account', slug: 'twin', tier: 'pro', country_code: 'US', first_day_of_the_week: 'monday',
    show_timeline_weekends: true, is_during_trial: false, is_trial_expired: false, active_members_count: ctx.store.users.size,
    plan: { max_users: 50, period: 'yearly', tier: 'pro', version: 10 },
  };
}

export function userView(u: UserRec) {
  return {
    // Functions receive (args, context) from graphql's default resolver: the account comes from the request.
    account: (_: unknown, ctx: TwinContext) => accountView(ctx),
    account_id: (_: unknown, ctx: TwinContext) => String(ctx.accountId),
    id: u.id, name: u.name, email: u.email, title: u.title, is_admin: u.isAdmin, is_guest: false, enabled: true,
    kind: 'member', url: `https://twin.monday.com/users/${u.id}`, created_at: '2024-01-01T00:00:00Z', time_zone_identifier: 'Etc/UTC',
    is_deleted: false, is_email_confirmed: true, is_pending: false, is_verified: true,
  };
}

function cellValueView(item: ItemRec, c: ColumnRec) {
  const cell = item.values.get(c.id);
  const value = cell === undefined || cell.value === null ? null : JSON.stringify(cell.value);
  const raw = (cell?.value ?? {}) as Record<string, unknown>;
  const base = { __typename: VALUE_TYPENAMES[c.type] ?? 'UnsupportedValue', id: c.id, type: c.type, text: cell?.text ?? '', value, is_leaf: true, column: () => columnView(c) };
  switch (c.type) {
    case 'status':
      return { ...base, index: raw.index ?? null, label: cell?.text ?? null, is_done: Array.isArray(c.settings.done_colors) && c.settings.done_colors.includes(raw.index), update_id: null, updated_at: raw.changed_at ?? null };
    case 'numbers':
      return { ...base, number: cell ? Number(cell.value) : null, symbol: null, direction: null };
    case 'checkbox':
      return { ...base, checked: raw.checked === 'true' };
    case 'date':
      return { ...base, date: raw.date ?? null, time: raw.time ?? null };
    case 'email':
      return { ...base, email: raw.email ?? null, label: raw.text ?? null };
    case 'phone':
      return { ...base, phone: raw.phone ?? null, country_short_name: raw.countryShortName ?? null };
    case 'link':
      return { ...base, url: raw.url ?? null, url_text: raw.text ?? null };
    case 'board_relation':
      return { ...base, linked_item_ids: ((raw.linkedPulseIds as Array<{ linkedPulseId: number }>) ?? []).map((l) => String(l.linkedPulseId)), display_value: cell?.text ?? '' };
    default:
      return base;
  }
}

export function itemView(ctx: TwinContext, item: ItemRec): Record<string, unknown> {
  const board = ctx.store.boards.get(item.boardId)!;
  return {
    id: item.id, name: item.name, state: item.state, created_at: item.createdAt, updated_at: item.updatedAt, creator_id: item.creatorId,
    email: `pulse-${item.id}@twin.monday.com`, url: `https://twin.monday.com/boards/${board.id}/pulses/${item.id}`,
    relative_link: `/boards/${board.id}/pulses/${item.id}`,
    board: () => boardView(ctx, board),
    group: () => groupView(ctx, board, board.groups.find((g) => g.id === item.groupId)!),
    creator: () => {
      const u = ctx.store.users.get(item.creatorId);
      return u ? userView(u) : null;
    },
    subscribers: () => [],
    subitems: () => {
      const sub = board.subitemsBoardId ? ctx.store.boards.get(board.subitemsBoardId) : undefined;
      return sub ? ctx.store.activeItems(sub).filter((s) => s.parentItemId === item.id).map((s) => itemView(ctx, s)) : [];
    },
    parent_item: () => (item.parentItemId ? itemView(ctx, ctx.store.items.get(item.parentItemId)!) : null),
    updates: (args: { limit?: number }) =>
      [...ctx.store.updates.values()].filter((u) => u.itemId === item.id).reverse().slice(0, args.limit ?? 25).map((u) => updateView(ctx, u)),
    column_values: (args: { ids?: string[]; types?: string[] }) =>
      board.columns
        .filter((c) => c.type !== 'name' && (!args.ids || args.ids.includes(c.id)) && (!args.types || args.types.includes(c.type)))
        .map((c) => cellValueView(item, c)),
  };
}

export function updateView(ctx: TwinContext, u: UpdateRec) {
  return {
    id: u.id, body: u.body, text_body: u.body.replace(/<[^>]*>/g, ''), creator_id: u.creatorId, created_at: u.createdAt, updated_at: u.createdAt,
    edited_at: u.createdAt, item_id: u.itemId, likes: [], pinned_to_top: [], replies: [], assets: [], viewers: [],
    creator: () => {
      const user = ctx.store.users.get(u.creatorId);
      return user ? userView(user) : null;
    },
    item: () => itemView(ctx, ctx.store.items.get(u.itemId)!),
  };
}

export function groupView(ctx: TwinContext, board: BoardRec, g: GroupRec) {
  return {
    id: g.id, title: g.title, color: g.color, position: g.position, archived: false, deleted: false,
    items_page: (args: ItemsPageArgs) => ctx.pages.firstPage(ctx, board, args, g.id),
  };
}

export interface ItemsPageArgs {
  limit: number;
  cursor?: string | null;
  query_params?: unknown;
}

export function boardView(ctx: TwinContext, b: BoardRec) {
  const owner = ctx.store.users.get(b.ownerId)!;
  return {
    id: b.id, name: b.name, description: b.description, state: 'active', board_kind: 'public', permissions: 'everyone',
    type: b.parentBoardId ? 'sub_items_board' : 'board',
    items_count: () => ctx.store.activeItems(b).length, workspace_id: b.workspaceId, url: `https://twin.monday.com/boards/${b.id}`,
    updated_at: new Date(ctx.now()).toISOString(), item_terminology: 'item', tags: [],
    owner: () => userView(owner), owners: () => [userView(owner)], subscribers: () => [userView(owner)],
    columns: (args: { ids?: string[]; types?: string[] }) =>
      b.columns.filter((c) => (!args.ids || args.ids.includes(c.id)) && (!args.types || args.types.includes(c.type))).map(columnView),
    groups: (args: { ids?: string[] }) => b.groups.filter((g) => !args.ids || args.ids.includes(g.id)).map((g) => groupView(ctx, b, g)),
    top_group: () => groupView(ctx, b, b.groups[0]),
    items_page: (args: ItemsPageArgs) => ctx.pages.firstPage(ctx, b, args),
  };
}
