/**
 * Connection settings for the store: either a PostgreSQL server (fields or a URL) or the embedded
 * PGlite database kept in a folder. Turns them into `pg` pool options and into a target text for
 * messages, which never contains the password.
 */
import type { PoolConfig } from 'pg';
import { CrmError } from '../../core/errors';

export type TlsMode = 'off' | 'require' | 'verify';
export const TLS_MODES: readonly TlsMode[] = ['off', 'require', 'verify'];

export interface ServerSettings {
  kind: 'server';
  /** postgres://user:pass@host:port/db?sslmode=...; takes precedence over the separate fields. */
  url?: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  password?: string;
  poolSize?: number;
  tls?: TlsMode;
  /** PEM CA bundle for TLS 'verify' against a private CA; the system CAs otherwise. */
  ca?: string;
  connectTimeoutMs?: number;
}

export interface EmbeddedSettings {
  kind: 'embedded';
  /** Absolute folder of the PGlite database (created when missing). */
  dataDir: string;
}

export type PgSettings = ServerSettings | EmbeddedSettings;

export const DEFAULT_POOL_SIZE = 5;
export const MAX_POOL_SIZE = 100;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Where we connect, for status and error texts: host:port/database (never user:password). */
export interface Target {
  host: string;
  port: number;
  database: string;
  user: string;
  text: string;
}

function invalid(reason: string): CrmError {
  return new CrmError('PG_CONFIG_INVALID', reason, { params: { reason } });
}

function parseUrl(url: string): URL {
  try {
    const parsed = new URL(url);
    if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error('protocol');
    return parsed;
  } catch {
    // The URL may hold a password, so the message never repeats it.
    throw invalid('The connection URL is not valid: use postgres://user:password@host:5432/database');
  }
}

export function describeTarget(settings: PgSettings): Target {
  if (settings.kind === 'embedded') {
    return { host: 'embedded', port: 0, database: 'postgres', user: 'postgres', text: `embedded (${settings.dataDir})` };
  }
  let host = settings.host || 'localhost';
  let port = settings.port || 5432;
  let database = settings.database || '';
  let user = settings.user || '';
  if (settings.url) {
    const u = parseUrl(settings.url);
    host = decodeURIComponent(u.hostname) || u.searchParams.get('host') || 'localhost';
    port = Number(u.port) || 5432;
    database = decodeURIComponent(u.pathname.replace(/^\//, '')) || '';
    user = decodeURIComponent(u.username) || '';
  }
  database = database || user || 'postgres';
  return { host, port, database, user, text: `${host}:${port}/${database}` };
}

function sslOption(settings: ServerSettings): PoolConfig['ssl'] {
  switch (settings.tls ?? 'off') {
    case 'off':
      return undefined;
    case 'require':
      // Encrypted but unauthenticated, like libpq's sslmode=require.
      return { rejectUnauthorized: false };
    case 'verify':
      return settings.ca ? { rejectUnauthorized: true, ca: settings.ca } : { rejectUnauthorized: true };
    default:
      throw invalid(`TLS mode must be one of ${TLS_MODES.join(', ')}`);
  }
}

export function poolSize(value: unknown): number {
  const n = Number(value);
  if (value === undefined || value === null || value === '') return DEFAULT_POOL_SIZE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_POOL_SIZE) throw invalid(`Pool size must be a whole number from 1 to ${MAX_POOL_SIZE}`);
  return n;
}

/** pg pool options for a server; validates what a user can get wrong before any connection attempt. */
export function serverPoolConfig(settings: ServerSettings): PoolConfig {
  const common: PoolConfig = {
    max: poolSize(settings.poolSize),
    connectionTimeoutMillis: settings.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: 'node-red-crm-sync',
  };
  const ssl = sslOption(settings);
  if (settings.url) {
    parseUrl(settings.url);
    return { ...common, connectionString: settings.url, ...(ssl ? { ssl } : {}) };
  }
  if (!settings.host) throw invalid('Enter the PostgreSQL host (or a connection URL), or switch the configuration to embedded mode');
  const port = settings.port ?? 5432;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid('The port must be a number from 1 to 65535');
  return {
    ...common,
    host: settings.host,
    port,
    database: settings.database || undefined,
    user: settings.user || undefined,
    password: settings.password || undefined,
    ...(ssl ? { ssl } : {}),
  };
}
