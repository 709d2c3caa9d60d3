import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TwinHandle, TwinInfo, TwinStartOptions } from '../types';
import { GraphQLEndpoint, type TwinStats } from './graphql-endpoint';
import { BodyTooLargeError, readBody, sendJson } from './http';
import { Pager } from './pages';
import { CURRENT_VERSION } from './roots';
import { mondaySchema } from './schema';
import { addAllColumnsBoard, addContactsBoard, addLeadsBoard, generateLeads, seedAccount, SEED_USERS } from './seed';
import { MondayStore } from './store';
import { TwinActivity } from './activity';
import { WebhookManager, type DeliveryRecord } from './webhooks';

export interface MondayTwinOptions extends TwinStartOptions {
  /** The API token clients send as `Authorization` (random when omitted). */
  token?: string;
  /** The app signing secret webhook JWTs are signed with (random when omitted). */
  signingSecret?: string;
  accountId?: number;
  /** Generated items on the Leads board (default 25). */
  leads?: number;
  /** Seed of the lead generator: same seed, same leads. */
  seed?: number;
  /** Complexity points per token per window (default 10,000,000, a personal token's minute). */
  complexityBudget?: number;
  complexityWindowMs?: number;
  /** Per-query ceiling (default 5,000,000). */
  maxQueryComplexity?: number;
  /** API calls per token per UTC day (default 10,000, the Pro plan). */
  dailyCallLimit?: number;
  /** API requests per token per minute (default 5,000). */
  minuteRateLimit?: number;
  /** How long items_page cursors live (default 60 minutes). */
  cursorTtlMs?: number;
  /** Wait before a failed webhook delivery is retried (default 60 s) and how often (default 30). */
  webhookRetryIntervalMs?: number;
  webhookRetryLimit?: number;
  webhookTimeoutMs?: number;
  /** The twin's clock (epoch ms): tests move it to expire cursors or budgets. */
  now?: () => number;
}

export interface MondayTwinInfo extends TwinInfo {
  /** Base URL; GraphQL is at url + '/v2'. */
  url: string;
  token: string;
  signingSecret: string;
  accountId: number;
  apiVersion: string;
  leadsBoardId: string;
  allColumnsBoardId: string;
  /** The Contacts board (empty at start) that the bidirectional example syncs with Salesforce Contacts. */
  contactsBoardId: string;
}

export interface MondayTwinHandle extends TwinHandle<MondayTwinInfo> {
  stats(): TwinStats & { webhookDeliveries: DeliveryRecord[] };
  resetStats(): void;
  store: MondayStore;
  /** Waits for webhook deliveries in flight (not for scheduled retries). */
  settle(): Promise<void>;
}

export async function startMondayTwin(options: MondayTwinOptions = {}): Promise<MondayTwinHandle> {
  const now = options.now ?? Date.now;
  const token = options.token ?? `twin_${randomBytes(24).toString('hex')}`;
  const signingSecret = options.signingSecret ?? randomBytes(32).toString('hex');
  const accountId = options.accountId ?? 9_876_543;
  const shortLived = new Map<string, number>();
  mondaySchema();

  const store = new MondayStore(now);
  seedAccount(store);
  const leads = addLeadsBoard(store);
  const allColumns = addAllColumnsBoard(store);
  const contacts = addContactsBoard(store);
  generateLeads(store, leads, options.leads ?? 25, options.seed ?? 42);

  const webhooks = new WebhookManager(store, {
    accountId, signingSecret, now,
    retryIntervalMs: options.webhookRetryIntervalMs ?? 60_000,
    retryLimit: options.webhookRetryLimit ?? 30,
    timeoutMs: options.webhookTimeoutMs ?? 10_000,
    issueShortLivedToken: (t, expiresAt) => shortLived.set(t, expiresAt),
  });
  const endpoint = new GraphQLEndpoint({
    store, pages: new Pager(options.cursorTtlMs ?? 60 * 60_000), webhooks, now, accountId, userId: SEED_USERS[0].id,
    limits: {
      complexityBudget: options.complexityBudget ?? 10_000_000,
      complexityWindowMs: options.complexityWindowMs ?? 60_000,
      maxQueryComplexity: options.maxQueryComplexity ?? 5_000_000,
      dailyCallLimit: options.dailyCallLimit ?? 10_000,
      minuteRateLimit: options.minuteRateLimit ?? 5_000,
    },
    isValidToken: (t) => t === token || (shortLived.get(t) ?? 0) > now(),
  });
  const activity = new TwinActivity(store);

  const server = http.createServer((req, res) => {
    void route(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: err instanceof Error ? err.message : String(err), extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    let body: string;
    try {
      body = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return sendJson(res, 413, { errors: [{ message: err.message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
      throw err;
    }
    if (path === '/v2' && req.method === 'POST') {
      const out = await endpoint.handle(req.headers, body);
      return sendJson(res, out.status, out.body, out.headers);
    }
    if (path === '/__twin/stats' && req.method === 'GET') return sendJson(res, 200, handle.stats());
    if (path === '/__twin/activity' && req.method === 'POST') {
      const out = activity.perform(body);
      return sendJson(res, out.status, out.body);
    }
    sendJson(res, 404, { error_message: `No route for ${req.method} ${path}`, status_code: 404 });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';

  const handle: MondayTwinHandle = {
    info: {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, token, signingSecret, accountId, apiVersion: CURRENT_VERSION,
      leadsBoardId: leads.id, allColumnsBoardId: allColumns.id, contactsBoardId: contacts.id,
    },
    store,
    stats: () => ({ ...endpoint.stats, operations: { ...endpoint.stats.operations }, errors: { ...endpoint.stats.errors }, webhookDeliveries: [...webhooks.deliveries] }),
    resetStats() {
      Object.assign(endpoint.stats, { requests: 0, operations: {}, errors: {}, complexitySpent: 0 });
      webhooks.deliveries.length = 0;
    },
    settle: () => webhooks.settle(),
    async stop() {
      await webhooks.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return handle;
}

export type { TwinStats } from './graphql-endpoint';
export type { DeliveryRecord } from './webhooks';
export { addBoard, generateLead, LEAD_STATUSES, SEED_USERS, statusSettings, type ColumnSpec } from './seed';
