/**
 * Turns a crm-pg-config node's fields and credentials into connector settings. Shared by the
 * runtime node and the "Test connection" endpoint, which receives not-yet-deployed form values.
 */
import os from 'node:os';
import path from 'node:path';
import type { PgSettings, TlsMode } from '../../connectors/postgres';
import { TLS_MODES } from '../../connectors/postgres';
import { CrmError } from '../../core/errors';
import { DEFAULT_DATA_DIR } from './types';
import type { PgConfigFields, PgCredentials, PgMode } from './types';

export function resolveMode(fields: PgConfigFields, creds: PgCredentials): PgMode {
  if (fields.mode === 'embedded' || fields.mode === 'server') return fields.mode;
  // Flows without a mode: a configured connection means a server, otherwise the embedded database.
  return creds.url || fields.host ? 'server' : 'embedded';
}

export function embeddedDir(fields: PgConfigFields, userDir: string | undefined): string {
  const dir = (fields.dataDir || '').trim() || DEFAULT_DATA_DIR;
  const base = userDir || path.join(os.homedir(), '.node-red');
  return path.resolve(base, dir);
}

function optionalNumber(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null || String(value).trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new CrmError('PG_CONFIG_INVALID', `${what} must be a whole number`, { params: { reason: `${what} must be a whole number` } });
  return n;
}

export function toSettings(fields: PgConfigFields, creds: PgCredentials, userDir: string | undefined): PgSettings {
  if (resolveMode(fields, creds) === 'embedded') return { kind: 'embedded', dataDir: embeddedDir(fields, userDir) };
  const tls: TlsMode = TLS_MODES.includes(fields.tls as TlsMode) ? (fields.tls as TlsMode) : 'off';
  return {
    kind: 'server',
    url: creds.url?.trim() || undefined,
    host: fields.host?.trim() || undefined,
    port: optionalNumber(fields.port, 'Port'),
    database: fields.database?.trim() || undefined,
    user: fields.user?.trim() || undefined,
    password: creds.password || undefined,
    poolSize: optionalNumber(fields.poolSize, 'Pool size'),
    tls,
    ca: fields.ca?.trim() || undefined,
  };
}

/** Secret values to scrub from any text shown to users. */
export function secretsOf(creds: PgCredentials): string[] {
  const out = [creds.password, creds.url].filter((s): s is string => !!s);
  if (creds.url) {
    try {
      const pw = decodeURIComponent(new URL(creds.url).password);
      if (pw) out.push(pw);
    } catch {
      // An unparsable URL is scrubbed whole above.
    }
  }
  return out;
}
