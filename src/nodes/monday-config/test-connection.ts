/**
 * "Test connection": asks monday who the token belongs to and what is left of the complexity
 * budget, with the settings typed in the editor (deployed or not). Never echoes the token.
 */
import type { Request, Response } from 'express';
import { DEFAULT_API_VERSION, DEFAULT_ENDPOINT, MondayClient } from '../../connectors/monday';
import { localizeError } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import type { MondayConfigNode } from './types';

/** The editor's placeholder for an unchanged password field. */
const UNCHANGED = '__PWRD__';

interface TestBody {
  id?: string;
  endpoint?: string;
  apiVersion?: string;
  token?: string;
}

export function registerTestEndpoint(RED: RED, type: string): void {
  RED.httpAdmin.post(`/${type}/test`, RED.auth.needsPermission(`${type}.write`), (req: Request, res: Response) => {
    const body = (req.body ?? {}) as TestBody;
    const deployed = body.id ? (RED.nodes.getNode(body.id) as unknown as MondayConfigNode | null) : null;
    const typed = typeof body.token === 'string' && body.token !== '' && body.token !== UNCHANGED ? body.token.trim() : undefined;
    const token = typed ?? deployed?.token() ?? '';
    const endpoint = (typeof body.endpoint === 'string' && /^https?:\/\/\S+$/.test(body.endpoint) ? body.endpoint : deployed?.endpoint) ?? DEFAULT_ENDPOINT;
    const apiVersion = (typeof body.apiVersion === 'string' && /^\d{4}-\d{2}$/.test(body.apiVersion) ? body.apiVersion : deployed?.apiVersion) ?? DEFAULT_API_VERSION;
    const client = new MondayClient({ endpoint, token, apiVersion, timeoutMs: 15_000, maxRetries: 0 });
    client
      .me()
      .then(
        (me) => res.json({ ok: true, account: me.accountName, user: me.userName, budgetLeft: me.complexity.after ?? null, resetInSeconds: me.complexity.reset_in_x_seconds ?? null }),
        (err: unknown) => {
          const e = localizeError(RED, err, [token]);
          res.status(400).json({ ok: false, code: e.code, message: e.message });
        },
      )
      .finally(() => client.close());
  });
}
