import { GraphQLError } from 'graphql';
import { SEED_USERS } from './seed';
import type { MondayStore } from './store';

interface ActivityRequest {
  action?: string;
  boardId?: string | number;
  itemId?: string | number;
  columnId?: string;
  value?: unknown;
  name?: string;
  groupId?: string;
  columnValues?: Record<string, unknown>;
  body?: string;
  userId?: string | number;
}

export const ACTIVITY_ACTIONS = ['create_item', 'change_column_value', 'change_multiple_column_values', 'change_name', 'delete_item', 'archive_item', 'create_update'];

/**
 * POST /__twin/activity: a person editing the board in monday's UI. Goes through the same store as
 * the API (same validation, same webhook events) but is not an API call: no complexity, no counters,
 * and by default the acting user is not the API token's user, so echo suppression can be tested.
 */
export class TwinActivity {
  constructor(private readonly store: MondayStore) {}

  perform(raw: string): { status: number; body: unknown } {
    let req: ActivityRequest;
    try {
      req = JSON.parse(raw) as ActivityRequest;
    } catch {
      return bad('INVALID_JSON', 'the body must be JSON');
    }
    const userId = String(req.userId ?? SEED_USERS[1].id);
    if (!this.store.users.has(userId)) return bad('UNKNOWN_USER', `no user ${userId}`);
    const opts = { createLabels: false, userId };
    try {
      switch (req.action) {
        case 'create_item': {
          const item = this.store.createItem(req.boardId, req.name ?? 'New item', req.groupId, req.columnValues ?? null, opts);
          return ok(item.id, item.name);
        }
        case 'change_column_value': {
          if (!req.columnId) return bad('MISSING_FIELD', 'columnId is required');
          const item = this.store.changeOne(req.boardId, req.itemId, req.columnId, req.value ?? null, opts);
          return ok(item.id, item.name);
        }
        case 'change_multiple_column_values': {
          // Several columns in one save (an item card edited and saved at once, an import): every
          // column has its new value before the first webhook goes out.
          if (!req.columnValues || typeof req.columnValues !== 'object') return bad('MISSING_FIELD', 'columnValues is required');
          const item = this.store.changeValues(req.boardId, req.itemId, req.columnValues, opts);
          return ok(item.id, item.name);
        }
        case 'change_name': {
          if (typeof req.name !== 'string' || req.name.trim() === '') return bad('MISSING_FIELD', 'name is required');
          const item = this.store.item(req.itemId);
          this.store.rename(item, req.name, userId);
          return ok(item.id, item.name);
        }
        case 'delete_item':
        case 'archive_item': {
          const item = this.store.removeItem(req.itemId, req.action === 'delete_item' ? 'item_deleted' : 'item_archived', userId);
          return ok(item.id, item.name);
        }
        case 'create_update': {
          const update = this.store.createUpdate(req.itemId, req.body ?? '', userId);
          return { status: 200, body: { ok: true, update: { id: update.id } } };
        }
        default:
          return bad('UNKNOWN_ACTION', `action must be one of ${ACTIVITY_ACTIONS.join(', ')}`);
      }
    } catch (err) {
      if (err instanceof GraphQLError) return bad(String(err.extensions.code), err.message);
      throw err;
    }
  }
}

function ok(id: string, name: string) {
  return { status: 200, body: { ok: true, item: { id, name } } };
}

function bad(code: string, message: string) {
  return { status: 400, body: { ok: false, error: { code, message } } };
}
