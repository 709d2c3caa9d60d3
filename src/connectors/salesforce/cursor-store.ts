/**
 * Where delta-read cursors live: PostgreSQL table crm_sync.cursor (migration
 * 0300_salesforce_cursors.sql) through the shared Queryable, or any key/value store (Node-RED
 * context) as a fallback. A cursor is written only after its page was handed downstream.
 */
import { CrmError } from '../../core/errors';
import { STORE_SCHEMA } from '../../core/store';
import type { Queryable } from '../../core/store';

export interface CursorStore {
  readonly kind: string;
  get(node: string, key: string): Promise<unknown>;
  set(node: string, key: string, value: unknown): Promise<void>;
  delete(node: string, key: string): Promise<void>;
}

const TABLE = `${STORE_SCHEMA}.cursor`;

function storeError(err: unknown, action: string): CrmError {
  const reason = (err as Error)?.message ?? String(err);
  return new CrmError('SF_CURSOR_STORE_FAILED', `Could not ${action} the cursor: ${reason}`, { retryable: true, params: { action, reason }, cause: err });
}

export class PgCursorStore implements CursorStore {
  readonly kind = 'postgres';
  constructor(private readonly db: () => Promise<Queryable>) {}

  async get(node: string, key: string): Promise<unknown> {
    try {
      const { rows } = await (await this.db()).query<{ value: unknown }>(`SELECT value FROM ${TABLE} WHERE node = $1 AND key = $2`, [node, key]);
      const v = rows[0]?.value;
      return typeof v === 'string' ? JSON.parse(v) : (v ?? null);
    } catch (err) {
      throw storeError(err, 'read');
    }
  }

  async set(node: string, key: string, value: unknown): Promise<void> {
    try {
      await (await this.db()).query(
        `INSERT INTO ${TABLE} (node, key, value, updated_at) VALUES ($1, $2, $3::jsonb, now())
         ON CONFLICT (node, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [node, key, JSON.stringify(value)],
      );
    } catch (err) {
      throw storeError(err, 'save');
    }
  }

  async delete(node: string, key: string): Promise<void> {
    try {
      await (await this.db()).query(`DELETE FROM ${TABLE} WHERE node = $1 AND key = $2`, [node, key]);
    } catch (err) {
      throw storeError(err, 'reset');
    }
  }
}

/** Minimal async key/value access, e.g. a Node-RED context store (persistent when configured so). */
export interface KeyValue {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export class KeyValueCursorStore implements CursorStore {
  readonly kind = 'context';
  constructor(private readonly kv: KeyValue) {}
  private name(node: string, key: string): string {
    return `crm-salesforce-cursor:${node}:${key}`;
  }
  async get(node: string, key: string): Promise<unknown> {
    return (await this.kv.get(this.name(node, key))) ?? null;
  }
  async set(node: string, key: string, value: unknown): Promise<void> {
    await this.kv.set(this.name(node, key), value);
  }
  async delete(node: string, key: string): Promise<void> {
    await this.kv.set(this.name(node, key), undefined);
  }
}

/** In-memory store for tests and one-off runs. */
export class MemoryCursorStore extends KeyValueCursorStore {
  constructor(map = new Map<string, unknown>()) {
    super({ get: async (k) => map.get(k), set: async (k, v) => void (v === undefined ? map.delete(k) : map.set(k, v)) });
  }
}
