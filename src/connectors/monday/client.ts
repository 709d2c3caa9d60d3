/**
 * The monday.com GraphQL client every monday node shares through its config node: graphql-request
 * with monday's headers, error mapping to CrmError codes, complexity pacing, paged board reads and
 * aliased write batches. No Node-RED here.
 */
import { ClientError, GraphQLClient } from 'graphql-request';
import { CrmError } from '../../core/errors';
import { fromMondayError, RETRY_LATER_CODES, unreachable, type MondayGraphQLError } from './client-errors';
import { ComplexityPacer } from './pacer';
import { BOARD_COLUMNS_QUERY, GROUP_ITEMS_PAGE_QUERY, ITEMS_PAGE_QUERY, ME_QUERY, NEXT_ITEMS_PAGE_QUERY } from './queries';
import type { AccountInfo, BoardMeta, ComplexityInfo, MondayClientOptions, RawItem } from './types';

export const DEFAULT_ENDPOINT = 'https://api.monday.com';
export const DEFAULT_API_VERSION = '2026-10';
export const DEFAULT_BUDGET = 10_000_000;
export const MAX_PAGE_LIMIT = 500;

export interface RequestResult<T> {
  data: T | undefined;
  /** Errors of single aliases (the request as a whole succeeded). */
  errors: MondayGraphQLError[];
  complexity?: ComplexityInfo;
}

interface RequestOptions {
  /** Expected complexity cost, used to wait for room before sending. */
  estimate: number;
  /** Writes are not retried after network failures: monday may have run them. */
  mutation?: boolean;
}

export interface ItemsPageOptions {
  groupId?: string;
  /** monday's ItemsQuery: {rules, operator, order_by, ids} (passed as a variable). */
  queryParams?: Record<string, unknown>;
  limit?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function remainingFromHeader(headers: Headers | undefined): number | undefined {
  const m = /"complexityMinute";\s*r=(\d+)/.exec(headers?.get('ratelimit') ?? '');
  return m ? Number(m[1]) : undefined;
}

export class MondayClient {
  readonly endpoint: string;
  readonly pacer: ComplexityPacer;
  readonly maxBatch: number;
  private readonly gql: GraphQLClient;
  private readonly options: Required<Pick<MondayClientOptions, 'maxRetries' | 'maxWaitS' | 'metaTtlMs'>>;
  private readonly meta = new Map<string, { at: number; board: Promise<BoardMeta> }>();
  /** Learned cost per query document (reads) and per aliased write. */
  private readonly costs = new Map<string, number>();
  private closed = false;

  constructor(options: MondayClientOptions) {
    this.endpoint = (options.endpoint || DEFAULT_ENDPOINT).replace(/\/+$/, '');
    const timeoutMs = options.timeoutMs ?? 60_000;
    this.gql = new GraphQLClient(`${this.endpoint}/v2`, {
      headers: { Authorization: options.token, 'API-Version': options.apiVersion || DEFAULT_API_VERSION },
      errorPolicy: 'all',
      fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    });
    this.pacer = new ComplexityPacer({ budget: options.budget ?? DEFAULT_BUDGET, windowMs: options.windowMs ?? 60_000 });
    this.maxBatch = Math.max(1, Math.min(options.maxBatch ?? 50, 100));
    this.options = { maxRetries: options.maxRetries ?? 10, maxWaitS: options.maxWaitS ?? 120, metaTtlMs: options.metaTtlMs ?? 5 * 60_000 };
  }

  /** Sends one document, paced by the budget; waits out budget/rate refusals as monday asks. */
  async request<T>(query: string, variables: Record<string, unknown>, opts: RequestOptions): Promise<RequestResult<T>> {
    let networkRetries = opts.mutation ? 0 : 2;
    for (let attempt = 0; ; attempt += 1) {
      if (this.closed) throw new CrmError('MONDAY_CLOSED', 'The monday connection was closed (flow stopped or redeployed).');
      const reserved = await this.pacer.reserve(opts.estimate);
      let outcome: { result?: RequestResult<T>; error?: CrmError; charged: boolean };
      try {
        const res = await this.gql.rawRequest<T & { complexity?: ComplexityInfo }>(query, variables);
        outcome = { charged: true, result: this.settle(res.data, res.errors as MondayGraphQLError[] | undefined, res.status, res.headers) };
        const remaining = remainingFromHeader(res.headers);
        this.pacer.commit(reserved, outcome.result?.complexity?.query ?? opts.estimate);
        if (remaining !== undefined) this.pacer.observeRemaining(remaining);
        this.learn(query, outcome.result?.complexity?.query);
      } catch (err) {
        const error = this.toError(err);
        this.pacer.release(reserved);
        const remaining = err instanceof ClientError ? remainingFromHeader(err.response.headers as Headers | undefined) : undefined;
        if (remaining !== undefined) this.pacer.observeRemaining(remaining);
        outcome = { charged: false, error };
      }
      if (outcome.result) return outcome.result;
      const error = outcome.error!;
      if (RETRY_LATER_CODES.has(error.code) && attempt < this.options.maxRetries) {
        const wait = Number(error.details.retry_in_seconds ?? 1);
        if (wait <= this.options.maxWaitS) {
          this.pacer.pauseFor(Math.max(250, wait * 1000));
          continue;
        }
      }
      if ((error.code === 'MONDAY_UNREACHABLE' || error.code === 'MONDAY_SERVER_ERROR') && networkRetries > 0) {
        networkRetries -= 1;
        await sleep(500 * 2 ** (2 - networkRetries));
        continue;
      }
      throw error;
    }
  }

  /** A 2xx answer: request-wide errors (no alias path and no data) fail the request; alias errors are returned. */
  private settle<T>(data: (T & { complexity?: ComplexityInfo }) | undefined, errors: MondayGraphQLError[] | undefined, status: number, headers: Headers): RequestResult<T> {
    const list = errors ?? [];
    const requestWide = list.find((e) => !e.path || e.path.length === 0);
    if (requestWide && (!data || list.every((e) => !e.path || e.path.length === 0))) throw fromMondayError(requestWide, status, headers);
    return { data, errors: list, complexity: data?.complexity };
  }

  private toError(err: unknown): CrmError {
    if (err instanceof CrmError) return err;
    if (err instanceof ClientError) {
      const { status, errors, headers } = err.response as { status: number; errors?: MondayGraphQLError[]; headers?: Headers };
      return fromMondayError(errors?.[0] ?? { message: `monday answered HTTP ${status}` }, status, headers);
    }
    return unreachable(this.endpoint, err);
  }

  private learn(key: string, cost: number | undefined): void {
    if (typeof cost === 'number' && cost > 0) this.costs.set(key, cost);
  }

  /** Records what one unit of work cost (e.g. one aliased write), for the next estimate. */
  learnCost(key: string, cost: number): void {
    this.learn(key, cost);
  }

  /** A cost guess for a document: what it cost last time, else `fallback`. */
  estimate(key: string, fallback: number): number {
    return this.costs.get(key) ?? fallback;
  }

  /** Who the token belongs to and what is left of the budget (the config node's "Test connection"). */
  async me(): Promise<AccountInfo> {
    type Me = { me: { id: string; name: string; account: { id: string; name: string } } | null; complexity?: ComplexityInfo };
    const { data } = await this.request<Me>(ME_QUERY, {}, { estimate: 100 });
    if (!data?.me) throw new CrmError('MONDAY_UNAUTHORIZED', 'monday did not say who this token belongs to');
    return { userId: data.me.id, userName: data.me.name, accountId: data.me.account.id, accountName: data.me.account.name, complexity: data.complexity ?? {} };
  }

  /** Columns (with settings) and groups of a board, cached per board; unknown boards fail with MONDAY_NOT_FOUND. */
  board(boardId: string, refresh = false): Promise<BoardMeta> {
    const key = String(boardId);
    const cached = this.meta.get(key);
    if (cached && !refresh && Date.now() - cached.at < this.options.metaTtlMs) return cached.board;
    const board = this.loadBoard(key);
    this.meta.set(key, { at: Date.now(), board });
    board.catch(() => this.meta.delete(key));
    return board;
  }

  private async loadBoard(boardId: string): Promise<BoardMeta> {
    if (!/^\d+$/.test(boardId)) throw new CrmError('MONDAY_BOARD_ID_INVALID', `"${boardId}" is not a monday board id (a number)`, { params: { boardId } });
    type Boards = { boards: Array<{ id: string; name: string; columns: Array<{ id: string; title: string; type: string; settings: unknown }>; groups: BoardMeta['groups'] } | null> | null };
    const { data } = await this.request<Boards>(BOARD_COLUMNS_QUERY, { boardIds: [boardId] }, { estimate: this.estimate(BOARD_COLUMNS_QUERY, 2_000) });
    const b = data?.boards?.[0];
    if (!b) throw new CrmError('MONDAY_NOT_FOUND', `Board ${boardId} does not exist or this token cannot see it`, { params: { message: `board ${boardId} not found` }, details: { boardId } });
    const columns = b.columns.map((c) => ({ ...c, settings: parseSettings(c.settings) }));
    return { id: b.id, name: b.name, columns, groups: b.groups };
  }

  /**
   * A board's items page by page (items_page, then next_items_page until the cursor is null): only one
   * page is held at a time, so any board size reads in bounded memory.
   */
  async *itemPages(boardId: string, options: ItemsPageOptions = {}): AsyncGenerator<RawItem[]> {
    const limit = Math.max(1, Math.min(options.limit ?? MAX_PAGE_LIMIT, MAX_PAGE_LIMIT));
    await this.board(boardId);
    type Page = { cursor: string | null; items: RawItem[] };
    const vars = { boardIds: [String(boardId)], limit, queryParams: options.queryParams ?? null };
    let page: Page | undefined;
    if (options.groupId) {
      type R = { boards: Array<{ groups: Array<{ items_page: Page }> | null }> };
      const { data } = await this.request<R>(GROUP_ITEMS_PAGE_QUERY, { ...vars, groupIds: [options.groupId] }, { estimate: this.estimate(GROUP_ITEMS_PAGE_QUERY, limit * 30) });
      page = data?.boards?.[0]?.groups?.[0]?.items_page;
      if (!page) throw new CrmError('MONDAY_NOT_FOUND', `Group "${options.groupId}" does not exist on board ${boardId}`, { params: { message: `group ${options.groupId} not found` } });
    } else {
      type R = { boards: Array<{ items_page: Page }> };
      const { data } = await this.request<R>(ITEMS_PAGE_QUERY, vars, { estimate: this.estimate(ITEMS_PAGE_QUERY, limit * 30) });
      page = data?.boards?.[0]?.items_page;
    }
    while (page) {
      if (page.items.length > 0 || !page.cursor) yield page.items;
      if (!page.cursor) return;
      type N = { next_items_page: Page };
      const { data } = await this.request<N>(NEXT_ITEMS_PAGE_QUERY, { cursor: page.cursor, limit }, { estimate: this.estimate(NEXT_ITEMS_PAGE_QUERY, limit * 30) });
      page = data?.next_items_page;
    }
  }

  close(): void {
    this.closed = true;
    this.pacer.close();
    this.meta.clear();
  }
}

function parseSettings(raw: unknown): Record<string, unknown> {
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as Record<string, unknown>;
  if (typeof raw === 'string') {
    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return {};
}
