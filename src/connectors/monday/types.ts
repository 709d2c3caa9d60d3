/** What the connector returns; ids are strings as monday sends them. */
export interface ColumnMeta {
  id: string;
  title: string;
  type: string;
  settings: Record<string, unknown>;
}

export interface BoardMeta {
  id: string;
  name: string;
  columns: ColumnMeta[];
  groups: Array<{ id: string; title: string }>;
}

export interface RawColumnValue {
  id: string;
  type: string;
  text: string | null;
  value: string | null;
}

export interface RawItem {
  id: string;
  name: string;
  state?: string;
  updated_at?: string;
  group?: { id: string; title?: string } | null;
  column_values: RawColumnValue[];
}

export interface ComplexityInfo {
  before?: number;
  after?: number;
  query?: number;
  reset_in_x_seconds?: number;
}

export interface AccountInfo {
  userId: string;
  userName: string;
  accountId: string;
  accountName: string;
  complexity: ComplexityInfo;
}

export interface MondayClientOptions {
  /** Base URL (https://api.monday.com or a twin's url); GraphQL is at <endpoint>/v2. */
  endpoint: string;
  token: string;
  /** API-Version header; a setting because monday retires versions (default 2026-10). */
  apiVersion?: string;
  /** Complexity points this client may spend per window (default 10,000,000: a personal token's minute). */
  budget?: number;
  /** The budget's sliding window (default 60,000 ms, monday's minute). */
  windowMs?: number;
  /** Aliased writes per HTTP request (default 50). */
  maxBatch?: number;
  timeoutMs?: number;
  /** How often a refused request (budget, rate) is retried after monday's retry_in_seconds. */
  maxRetries?: number;
  /** Longer waits than this fail instead of holding the flow (default 120 s). */
  maxWaitS?: number;
  /** Board metadata is cached this long (default 5 minutes). */
  metaTtlMs?: number;
}
