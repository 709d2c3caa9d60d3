import { randomBytes } from 'node:crypto';
import { mondayError } from './errors';
import { queryItems } from './items-query';
import type { BoardRec } from './model';
import type { TwinContext } from './context';
import { itemView, type ItemsPageArgs } from './views';

interface CursorRec {
  itemIds: string[];
  offset: number;
  createdAt: number;
}

export const MAX_PAGE_LIMIT = 500;

/**
 * items_page / next_items_page. The first page fixes the matching item ids; the cursor walks that
 * list and, like monday's, stops working 60 minutes after it was issued.
 */
export class Pager {
  private readonly cursors = new Map<string, CursorRec>();

  constructor(private readonly ttlMs: number) {}

  firstPage(ctx: TwinContext, board: BoardRec, args: ItemsPageArgs, groupId?: string) {
    if (args.cursor) return this.nextPage(ctx, args.cursor, args.limit);
    checkLimit(args.limit);
    const items = queryItems(board, ctx.store.activeItems(board).filter((it) => !groupId || it.groupId === groupId), args.query_params);
    return this.page(ctx, { itemIds: items.map((it) => it.id), offset: 0, createdAt: ctx.now() }, args.limit);
  }

  nextPage(ctx: TwinContext, cursor: string, limit: number) {
    checkLimit(limit);
    const rec = this.cursors.get(cursor);
    if (!rec) throw mondayError('CursorException', 'The cursor is invalid', { cursor });
    if (ctx.now() - rec.createdAt > this.ttlMs) {
      this.cursors.delete(cursor);
      // [UNVERIFIED] code name; monday documents that cursors expire after 60 minutes.
      throw mondayError('CursorExpiredError', 'The cursor has expired; cursors are valid for 60 minutes. Start again with items_page', { cursor });
    }
    return this.page(ctx, rec, limit);
  }

  private page(ctx: TwinContext, rec: CursorRec, limit: number) {
    const slice: string[] = [];
    let offset = rec.offset;
    while (slice.length < limit && offset < rec.itemIds.length) {
      const it = ctx.store.items.get(rec.itemIds[offset]);
      offset += 1;
      if (it && it.state === 'active') slice.push(it.id);
    }
    let cursor: string | null = null;
    if (offset < rec.itemIds.length) {
      cursor = `MSw${randomBytes(18).toString('base64url')}`;
      this.cursors.set(cursor, { itemIds: rec.itemIds, offset, createdAt: rec.createdAt });
    }
    return { cursor, items: slice.map((id) => itemView(ctx, ctx.store.items.get(id)!)) };
  }
}

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    // [UNVERIFIED] exact wording; monday caps items_page at 500 items.
    throw mondayError('InvalidArgumentException', `limit must be between 1 and ${MAX_PAGE_LIMIT}`, { limit });
  }
}
