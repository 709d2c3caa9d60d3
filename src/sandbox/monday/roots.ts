import { codecFor } from '../../connectors/monday/columns';
import type { TwinContext } from './context';
import { mondayError } from './errors';
import type { WebhookRec } from './model';
import { addSubitemsBoard } from './seed';
import { accountView, boardView, itemView, updateView, userView } from './views';

export const API_VERSIONS = [
  { value: '2026-07', kind: 'maintenance', display_name: 'Maintenance' },
  { value: '2026-10', kind: 'current', display_name: 'Current' },
  { value: '2027-01', kind: 'release_candidate', display_name: 'Release candidate' },
];
export const CURRENT_VERSION = '2026-10';
const MAX_ITEMS_IDS = 100;

type Args = Record<string, unknown>;

function requireId(args: Args, name: string): string {
  if (args[name] === undefined || args[name] === null) throw mondayError('InvalidArgumentException', `${name} is required`, { argument: name });
  return String(args[name]);
}

/** change_column_value's `value` is JSON text: parse it like monday does before the column reads it. */
function jsonArg(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw mondayError('JsonParseException', 'Invalid JSON in value', { value }, 400);
  }
}

function webhookView(w: WebhookRec) {
  return { id: w.id, board_id: w.boardId, event: w.event, config: w.config ? JSON.stringify(w.config) : null };
}

export const queryRoot = {
  boards(args: Args, ctx: TwinContext) {
    const all = [...ctx.store.boards.values()];
    const ids = args.ids as string[] | undefined;
    const chosen = ids ? all.filter((b) => ids.map(String).includes(b.id)) : all;
    const limit = Number(args.limit ?? 25);
    const page = Math.max(1, Number(args.page ?? 1));
    return chosen.slice((page - 1) * limit, page * limit).map((b) => boardView(ctx, b));
  },
  items(args: Args, ctx: TwinContext) {
    const ids = (args.ids as string[] | undefined) ?? [];
    if (ids.length > MAX_ITEMS_IDS) {
      throw mondayError('InvalidArgumentException', `You can query up to ${MAX_ITEMS_IDS} items at a time`, { ids_count: ids.length, limit: MAX_ITEMS_IDS });
    }
    return ids
      .map((id) => ctx.store.items.get(String(id)))
      .filter((it) => it && (it.state === 'active' || !args.exclude_nonactive) && it.state !== 'deleted')
      .map((it) => itemView(ctx, it!));
  },
  next_items_page(args: Args, ctx: TwinContext) {
    return ctx.pages.nextPage(ctx, String(args.cursor), Number(args.limit));
  },
  complexity: (_: Args, ctx: TwinContext) => ctx.complexity,
  account: (_: Args, ctx: TwinContext) => accountView(ctx),
  me: (_: Args, ctx: TwinContext) => userView(ctx.store.users.get(ctx.userId)!),
  users: (args: Args, ctx: TwinContext) =>
    [...ctx.store.users.values()].filter((u) => !args.ids || (args.ids as string[]).map(String).includes(u.id)).map(userView),
  version: (_: Args, ctx: TwinContext) => API_VERSIONS.find((v) => v.value === ctx.apiVersion),
  versions: () => API_VERSIONS,
  webhooks(args: Args, ctx: TwinContext) {
    const board = ctx.store.board(args.board_id);
    return [...ctx.store.webhooks.values()].filter((w) => w.boardId === board.id).map(webhookView);
  },
};

export const mutationRoot = {
  complexity: (_: Args, ctx: TwinContext) => ctx.complexity,
  create_item(args: Args, ctx: TwinContext) {
    const item = ctx.store.createItem(args.board_id, String(args.item_name), args.group_id as string | undefined, args.column_values, {
      createLabels: args.create_labels_if_missing === true,
      userId: ctx.userId,
    });
    return itemView(ctx, item);
  },
  create_subitem(args: Args, ctx: TwinContext) {
    const opts = { createLabels: args.create_labels_if_missing === true, userId: ctx.userId };
    const sub = ctx.store.createSubitem(args.parent_item_id, String(args.item_name), args.column_values, opts, (parent) => addSubitemsBoard(ctx.store, parent));
    return itemView(ctx, sub);
  },
  change_multiple_column_values(args: Args, ctx: TwinContext) {
    const item = ctx.store.changeValues(args.board_id, requireId(args, 'item_id'), args.column_values, {
      createLabels: args.create_labels_if_missing === true,
      userId: ctx.userId,
    });
    return itemView(ctx, item);
  },
  change_column_value(args: Args, ctx: TwinContext) {
    const opts = { createLabels: args.create_labels_if_missing === true, userId: ctx.userId };
    return itemView(ctx, ctx.store.changeOne(args.board_id, requireId(args, 'item_id'), String(args.column_id), jsonArg(args.value), opts));
  },
  change_simple_column_value(args: Args, ctx: TwinContext) {
    const board = ctx.store.board(args.board_id);
    const column = board.columns.find((c) => c.id === args.column_id);
    const raw = args.value === null || args.value === undefined ? '' : String(args.value);
    const codec = column ? codecFor(column.type) : undefined;
    const write = raw !== '' && codec?.fromSimple ? codec.fromSimple(raw) : raw;
    const opts = { createLabels: args.create_labels_if_missing === true, userId: ctx.userId };
    return itemView(ctx, ctx.store.changeOne(board.id, requireId(args, 'item_id'), String(args.column_id), write, opts));
  },
  delete_item: (args: Args, ctx: TwinContext) => itemView(ctx, ctx.store.removeItem(requireId(args, 'item_id'), 'item_deleted', ctx.userId)),
  archive_item: (args: Args, ctx: TwinContext) => itemView(ctx, ctx.store.removeItem(requireId(args, 'item_id'), 'item_archived', ctx.userId)),
  create_update(args: Args, ctx: TwinContext) {
    const body = String(args.body);
    if (body.trim() === '') throw mondayError('InvalidArgumentException', 'The update body cannot be empty', {});
    return updateView(ctx, ctx.store.createUpdate(requireId(args, 'item_id'), body, ctx.userId));
  },
  async create_webhook(args: Args, ctx: TwinContext) {
    const board = ctx.store.board(args.board_id);
    const config = args.config === undefined || args.config === null ? null : (jsonArg(args.config) as Record<string, unknown>);
    return webhookView(await ctx.webhooks.create(board.id, String(args.url), String(args.event), config));
  },
  delete_webhook(args: Args, ctx: TwinContext) {
    const w = ctx.store.webhooks.get(String(args.id));
    if (!w) throw mondayError('ResourceNotFoundException', 'Webhook not found', { webhook_id: Number(args.id) }, 404);
    ctx.store.webhooks.delete(w.id);
    return webhookView(w);
  },
};
