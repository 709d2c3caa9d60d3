/**
 * "Test connection" admin endpoint: calls getMe with the token typed in the editor, or with the
 * deployed node's stored token when the editor only knows one is set. Never echoes the token.
 */
import type { Request, Response } from 'express';
import { TelegramClient } from '../../connectors/telegram';
import { localizeError } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import { DEFAULT_BASE_URL } from './types';
import type { TelegramConfigNode } from './types';

/** The editor's placeholder for an unchanged password field. */
const UNCHANGED = '__PWRD__';

interface TestBody {
  id?: string;
  baseUrl?: string;
  token?: string;
}

export function registerTestEndpoint(RED: RED, type: string): void {
  RED.httpAdmin.post(`/${type}/test`, RED.auth.needsPermission(`${type}.write`), (req: Request, res: Response) => {
    const body = (req.body ?? {}) as TestBody;
    const deployed = body.id ? (RED.nodes.getNode(body.id) as unknown as TelegramConfigNode | null) : null;
    const typed = typeof body.token === 'string' && body.token !== '' && body.token !== UNCHANGED ? body.token.trim() : undefined;
    const token = typed ?? deployed?.token() ?? '';
    const baseUrl = (typeof body.baseUrl === 'string' && /^https?:\/\/\S+$/.test(body.baseUrl) ? body.baseUrl : deployed?.baseUrl) ?? DEFAULT_BASE_URL;
    const client = new TelegramClient({ baseUrl, token, timeoutMs: 10_000, maxRetries: 0 });
    client.getMe().then(
      (me) => res.json({ ok: true, username: me.username ?? '', firstName: me.first_name }),
      (err: unknown) => {
        const e = localizeError(RED, err, [token]);
        res.status(400).json({ ok: false, code: e.code, message: e.message });
      },
    );
  });
}
