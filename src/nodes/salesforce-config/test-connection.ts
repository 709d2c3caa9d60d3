/**
 * "Test connection": logs in with the settings typed in the editor (deployed or not). Answers org
 * id, user and API usage; never echoes a secret.
 */
import type { Request, Response } from 'express';
import { localizeError } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import { adminClient } from './admin-client';
import type { AdminBody } from './admin-client';

export function registerTestEndpoint(RED: RED, type: string): void {
  RED.httpAdmin.post(`/${type}/test`, RED.auth.needsPermission(`${type}.write`), (req: Request, res: Response) => {
    const { client, secrets, release } = adminClient(RED, (req.body ?? {}) as AdminBody);
    client
      .whoAmI()
      .then(
        (who) => res.json({ ok: true, organizationId: who.organizationId, userId: who.userId, username: who.username, displayName: who.displayName, instanceUrl: who.instanceUrl, apiUsage: who.apiUsage ?? null }),
        (err: unknown) => {
          const e = localizeError(RED, err, secrets);
          res.status(400).json({ ok: false, code: e.code, message: e.message });
        },
      )
      .finally(release);
  });
}
