import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TwinHandle, TwinInfo, TwinStartOptions } from '../types';
import { Auth, INVALID_SESSION, Sessions, bearer } from './auth';
import { ChangeLog } from './cdc';
import { CometD } from './cometd';
import type { FaultOptions } from './faults';
import { Faults, checkFaultOptions } from './faults';
import { SfError, decodeSegments, parseJsonBody, readBody, sendJson } from './http';
import type { ApiFamily, StatsSnapshot } from './limits';
import { Usage, familyOf } from './limits';
import { Api } from './rest';
import type { SeedOptions } from './seed';
import { seedData, seedDemoUser } from './seed';
import { defaultOf } from './schema';
import type { SfRecord } from './store';
import { Store } from './store';

export type { FaultOptions, ScriptedFault } from './faults';
export type { SeedOptions } from './seed';
export type { StatsSnapshot, ApiFamily } from './limits';

export interface SalesforceTwinOptions extends TwinStartOptions {
  username?: string;
  password?: string;
  securityToken?: string;
  /** Accept the bare password without the security token, as an org with a trusted IP range does. */
  trustedIp?: boolean;
  clientId?: string;
  clientSecret?: string;
  /** PEM key pair for the JWT bearer flow; generated at start when absent. */
  jwtKeyPair?: { privateKey: string; publicKey: string };
  /** API version the twin advertises (any vXX.X path is served). */
  apiVersion?: string;
  /** Lifetime of access tokens and SOAP sessions (default 2 h). */
  sessionLifetimeMs?: number;
  /** Daily API allocation (default 15,000, a Developer Edition). */
  dailyApiLimit?: number;
  faults?: FaultOptions;
  /** Demo records to generate (default none beyond the users). */
  seed?: SeedOptions;
  /** Duplicate rules: object → fields that must all match (case-insensitively) for a record to be a duplicate. */
  duplicateRules?: Record<string, string[]>;
  /** How long a Bulk 2.0 job stays InProgress before it completes (default 200 ms). */
  bulkProcessingMs?: number;
  /** Bulk 2.0 query results per page when the client sends no maxRecords (default 50,000). */
  bulkPageSize?: number;
  /** How long the Streaming API holds a /meta/connect without events (default 110 s, as Salesforce advises). */
  streamingTimeoutMs?: number;
}

export interface SalesforceTwinInfo extends TwinInfo {
  url: string;
  loginUrl: string;
  username: string;
  password: string;
  securityToken: string;
  clientId: string;
  clientSecret: string;
  /** PEM (PKCS#8) of the demo user's JWT signing key. */
  privateKey: string;
  apiVersion: string;
  organizationId: string;
  userId: string;
}

export interface SalesforceTwinHandle extends TwinHandle<SalesforceTwinInfo> {
  stats(): StatsSnapshot;
  resetStats(): void;
  /** Back to the state at start: seeded records only (same ids), no extra faults, zeroed counters; sessions stay valid. */
  reset(): void;
  setFaults(options: FaultOptions): void;
  /** Invalidates every access token now (refresh tokens stay valid). */
  expireSessions(): void;
  /** Freezes the record clock at ms (equal SystemModstamps), or unfreezes with null. */
  setClock(ms: number | null): void;
  /** Copies of the stored records of an object, deleted ones included; no API call is counted. */
  records(object: string): SfRecord[];
  /** Inserts records directly (test setup without API calls or validation, defaults applied); returns their ids. */
  insert(object: string, records: SfRecord[]): string[];
  store: Store;
}

const ORG_ID = '00D8c0000000001EAA';

export async function startSalesforceTwin(options: SalesforceTwinOptions = {}): Promise<SalesforceTwinHandle> {
  const apiVersion = options.apiVersion ?? '62.0';
  const keys = options.jwtKeyPair ?? generatePemPair();
  const store = new Store(ORG_ID);
  const seed = () =>
    store.quietly(() => {
      const user = seedDemoUser(store, options.username ?? 'demo@crm-sync.example');
      if (options.seed) seedData(store, user.Id as string, options.seed);
      return user;
    });
  const demo = seed();
  const usage = new Usage(options.dailyApiLimit ?? 15000);
  const faults = new Faults(options.faults);
  let baseUrl = '';
  const config = {
    username: demo.Username as string,
    password: options.password ?? 'twin-password',
    securityToken: options.securityToken ?? 'TWINTOKEN0123456789',
    trustedIp: options.trustedIp ?? false,
    clientId: options.clientId ?? '3MVG9twin.consumer.key.crm.sync',
    clientSecret: options.clientSecret ?? 'TWIN0CONSUMER0SECRET',
    jwtPublicKey: createPublicKey(keys.publicKey),
    sessionLifetimeMs: options.sessionLifetimeMs ?? 2 * 3600 * 1000,
    orgId: ORG_ID,
    userId: demo.Id as string,
    userEmail: demo.Email as string,
    userFullName: demo.Name as string,
    apiVersion,
  };
  const sessions = new Sessions(config);
  const changes = new ChangeLog();
  store.onChange((c) => changes.record(c));
  const cometd = new CometD(store, changes, sessions, options.streamingTimeoutMs ?? 110_000);
  const auth = new Auth(config, sessions, () => baseUrl);
  const api = new Api({ store, usage, baseUrl: () => baseUrl, duplicateRules: options.duplicateRules ?? {}, bulkProcessingMs: options.bulkProcessingMs ?? 200, bulkPageSize: options.bulkPageSize ?? 50000 });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A loginUrl with a trailing slash makes jsforce ask for //services/...: collapse repeated slashes in the path.
    const [rawPath, ...rawQuery] = (req.url ?? '/').split('?');
    const url = new URL(`http://twin${rawPath.replace(/\/{2,}/g, '/')}${rawQuery.length ? `?${rawQuery.join('?')}` : ''}`);
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path.startsWith('/__twin/')) return control(path.slice(8), method, await readBody(req), res);
    const soap = /^\/services\/Soap\/u\/(\d+\.\d+)(?:\/.*)?$/.exec(path);
    if (soap && method === 'POST') {
      usage.countRequest('auth');
      if (await injectFault('auth', method, req)) return;
      return auth.soap(await readBody(req), soap[1], res);
    }
    if (path === '/services/oauth2/token' && method === 'POST') {
      usage.countRequest('auth');
      if (await injectFault('auth', method, req)) return;
      return auth.token(await readBody(req), res);
    }
    if (path === '/services/oauth2/revoke') return auth.revoke(await readBody(req), url.searchParams, res);
    if (/^\/cometd\/\d+\.\d+\/?$/.test(path) && method === 'POST') return cometd.handle(req, res, await readBody(req));
    const id = /^\/id\/([^/]+)\/([^/]+)$/.exec(path);
    if (id) {
      if (!sessions.check(bearer(req))) return sendJson(res, 403, 'Bad_OAuth_Token');
      return auth.identity(id[1], id[2], res);
    }
    const data = /^\/services\/data(?:\/v(\d+\.\d+))?(\/.*)?$/.exec(path);
    if (!data) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (!data[1]) return sendJson(res, 200, [{ label: 'Winter 25', url: `/services/data/v${apiVersion}`, version: apiVersion }]);
    const userId = sessions.check(bearer(req));
    if (!userId) {
      usage.rejectedSessions++;
      return sendJson(res, 401, INVALID_SESSION);
    }
    const segments = decodeSegments(data[2] ?? '');
    const family = familyOf(segments, method);
    usage.countRequest(family);
    if (!usage.consume()) {
      res.setHeader('Sforce-Limit-Info', usage.header());
      throw new SfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    }
    res.setHeader('Sforce-Limit-Info', usage.header());
    if (await injectFault(family, method, req)) return;
    await api.handle({ method, segments, query: url.searchParams, headers: req.headers, version: data[1], userId, body: await readBody(req), res });
  }

  /** Back to the state at start: seeded records only, no faults, fresh counters; sessions stay valid. */
  function reset(): void {
    store.clear();
    seed();
    usage.reset();
    faults.configure(options.faults ?? {});
  }

  /** Applies the fault plan to one request: true when the connection was dropped, throws for an error answer. */
  async function injectFault(family: ApiFamily, method: string, req: http.IncomingMessage): Promise<boolean> {
    const decision = faults.decide(family, method);
    if (decision.delayMs > 0) await new Promise((r) => setTimeout(r, decision.delayMs));
    if (decision.kind === 'drop') {
      usage.countFault('drop');
      req.socket.destroy();
      return true;
    }
    if (decision.kind === 'error') {
      usage.countFault(decision.errorCode);
      throw new SfError(decision.status, decision.errorCode, decision.message);
    }
    return false;
  }

  async function control(what: string, method: string, body: string, res: http.ServerResponse): Promise<void> {
    if (what === 'stats') {
      if (method === 'DELETE') usage.reset();
      return sendJson(res, 200, usage.snapshot());
    }
    if (what === 'faults') {
      if (method === 'PUT' || method === 'POST') faults.configure(checkFaultOptions(parseJsonBody(body) ?? {}));
      if (method === 'DELETE') faults.configure({});
      return sendJson(res, 200, faults.current());
    }
    if (what === 'reset' && method === 'POST') {
      reset();
      return sendJson(res, 200, { reset: true });
    }
    if (what === 'sessions/expire' && method === 'POST') return sendJson(res, 200, { expired: sessions.expireAll() });
    if (what === 'clock' && (method === 'PUT' || method === 'POST')) {
      const at = (parseJsonBody(body) as { now?: string | null } | undefined)?.now;
      const ms = at ? Date.parse(at) : null;
      if (ms !== null && Number.isNaN(ms)) throw new SfError(400, 'INVALID_INPUT', `now must be an ISO datetime or null, not ${String(at)}`);
      store.setClock(ms);
      return sendJson(res, 200, { now: at ?? null });
    }
    if (what === 'info') return sendJson(res, 200, { ...info, privateKey: undefined });
    throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (e instanceof SfError) return sendJson(res, e.status, e.items);
      sendJson(res, 500, [{ message: `An unexpected error occurred: ${(e as Error).message}`, errorCode: 'UNKNOWN_EXCEPTION' }]);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  baseUrl = `http://${host}:${addr.port}`;
  const info: SalesforceTwinInfo = {
    url: baseUrl,
    loginUrl: baseUrl,
    username: config.username,
    password: config.password,
    securityToken: config.securityToken,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    privateKey: keys.privateKey,
    apiVersion,
    organizationId: ORG_ID,
    userId: config.userId,
  };
  return {
    info,
    store,
    stats: () => usage.snapshot(),
    resetStats: () => usage.reset(),
    reset,
    setFaults: (o) => faults.configure(o),
    expireSessions: () => void sessions.expireAll(),
    setClock: (ms) => store.setClock(ms),
    records: (object) => [...store.table(requireDef(store, object)).values()].map((r) => ({ ...r })),
    insert: (object, records) => {
      const def = requireDef(store, object);
      // Unvalidated, but with the defaults Salesforce would fill in, so later API updates see a complete record.
      const defaults: SfRecord = { OwnerId: config.userId };
      for (const f of def.fields) if (f.defaultValue !== undefined) defaults[f.name] = defaultOf(f);
      return records.map((r) => store.insert(def, { ...defaults, ...r }, config.userId).Id as string);
    },
    stop: async () => {
      api.stop();
      cometd.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function requireDef(store: Store, object: string) {
  const def = store.object(object);
  if (!def) throw new Error(`The Salesforce twin has no object ${object}`);
  return def;
}

let cachedPair: { privateKey: string; publicKey: string } | undefined;

/** One RSA pair per process: key generation is slow, and every twin started by a test run may share it. */
function generatePemPair(): { privateKey: string; publicKey: string } {
  return (cachedPair ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  }));
}
