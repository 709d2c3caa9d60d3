/**
 * "Test connection": logs in with the settings typed in the editor (deployed or not), falling back
 * to the deployed node's stored secrets for fields the editor only knows are set. Answers org id,
 * user and API usage; never echoes a secret.
 */
import type { Request, Response } from 'express';
import { SalesforceClient } from '../../connectors/salesforce';
import { localizeError } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import { clientOptions } from './settings';
import { SECRET_FIELDS } from './types';
import type { SalesforceConfigFields, SalesforceConfigNode, SalesforceCredentials } from './types';

/** The editor's placeholder for an unchanged password field. */
const UNCHANGED = '__PWRD__';

export function registerTestEndpoint(RED: RED, type: string): void {
  RED.httpAdmin.post(`/${type}/test`, RED.auth.needsPermission(`${type}.write`), (req: Request, res: Response) => {
    const body = (req.body ?? {}) as SalesforceConfigFields & SalesforceCredentials & { id?: string };
    const deployed = typeof body.id === 'string' ? (RED.nodes.getNode(body.id) as unknown as SalesforceConfigNode | null) : null;
    const stored = (deployed?.credentials ?? {}) as SalesforceCredentials;
    const cred: SalesforceCredentials = {};
    for (const f of SECRET_FIELDS) {
      const typed = body[f];
      cred[f] = typeof typed === 'string' && typed !== UNCHANGED && typed !== '' ? typed : stored[f];
    }
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const fields: SalesforceConfigFields = {
      loginUrl: str(body.loginUrl) ?? deployed?.loginUrl,
      apiVersion: str(body.apiVersion) ?? deployed?.apiVersion,
      authType: (str(body.authType) ?? deployed?.auth().method) as SalesforceConfigFields['authType'],
      username: str(body.username),
      clientId: str(body.clientId),
    };
    const client = new SalesforceClient({ ...clientOptions(fields, cred), maxAttempts: 1 });
    const secrets = Object.values(cred).filter((s): s is string => !!s);
    client
      .whoAmI()
      .then(
        (who) => res.json({ ok: true, organizationId: who.organizationId, userId: who.userId, username: who.username, displayName: who.displayName, instanceUrl: who.instanceUrl, apiUsage: who.apiUsage ?? null }),
        (err: unknown) => {
          const e = localizeError(RED, err, secrets);
          res.status(400).json({ ok: false, code: e.code, message: e.message });
        },
      )
      .finally(() => void client.close());
  });
}
