/**
 * POST /crm-pg-config/test: the editor's "Test connection" button. Takes the form's current values
 * (the node need not be deployed), connects without changing anything and reports the server version
 * and which migrations are applied or pending. Unchanged password fields arrive as the editor's
 * placeholder and are taken from the deployed node's credentials. Secrets are never echoed.
 */
import type { Request, Response } from 'express';
import { migrationState, openStore } from '../../connectors/postgres';
import { localizeError } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import { secretsOf, toSettings } from './settings';
import { TYPE } from './types';
import type { PgConfigFields, PgCredentials } from './types';

/** What the editor sends for a password field the user did not touch. */
const UNCHANGED = '__PWRD__';

export interface TestResult {
  ok: boolean;
  mode?: string;
  target?: string;
  version?: string;
  migrations?: { applied: string[]; pending: string[]; unknown: string[] };
  code?: string;
  message?: string;
}

function credentialsFor(RED: RED, body: Record<string, unknown>): PgCredentials {
  const deployed = (typeof body.id === 'string' ? (RED.nodes.getCredentials(body.id) as PgCredentials | undefined) : undefined) ?? {};
  const pick = (key: keyof PgCredentials): string | undefined => {
    const v = body[key];
    if (v === UNCHANGED) return deployed[key];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  return { password: pick('password'), url: pick('url') };
}

export async function testConnection(RED: RED, body: Record<string, unknown>): Promise<TestResult> {
  const creds = credentialsFor(RED, body);
  try {
    const settings = toSettings(body as PgConfigFields, creds, RED.settings.userDir as string | undefined);
    const store = await openStore({ ...settings, ...(settings.kind === 'server' ? { poolSize: 1 } : {}) }, { migrate: false });
    try {
      const version = await store.serverVersion();
      const migrations = await migrationState(store);
      return { ok: true, mode: settings.kind, target: store.target.text, version, migrations };
    } finally {
      await store.close();
    }
  } catch (err) {
    const e = localizeError(RED, err, secretsOf(creds));
    return { ok: false, code: e.code, message: e.message };
  }
}

export function registerAdmin(RED: RED): void {
  RED.httpAdmin.post(`/${TYPE}/test`, RED.auth.needsPermission(`${TYPE}.write`), (req: Request, res: Response) => {
    const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    testConnection(RED, body).then(
      (result) => res.json(result),
      () => res.status(500).json({ ok: false, code: 'UNEXPECTED', message: 'Connection test failed unexpectedly.' }),
    );
  });
}
