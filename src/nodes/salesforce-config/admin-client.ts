/**
 * The client an admin endpoint works with: settings typed in the editor (deployed or not), falling
 * back to the deployed node's stored secrets for fields the editor only knows are set. When the
 * request names a deployed configuration and carries no different settings, its shared (already
 * logged-in) client is used instead of a new login.
 */
import { SalesforceClient } from '../../connectors/salesforce';
import type { RED } from '../shared/runtime';
import { clientOptions } from './settings';
import { SECRET_FIELDS } from './types';
import type { SalesforceConfigFields, SalesforceConfigNode, SalesforceCredentials } from './types';

/** The editor's placeholder for an unchanged password field. */
const UNCHANGED = '__PWRD__';

export type AdminBody = SalesforceConfigFields & SalesforceCredentials & { id?: string };

export interface AdminClient {
  client: SalesforceClient;
  /** Secret values to scrub from error text. */
  secrets: string[];
  /** Closes the client when it was made for this request. */
  release(): void;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function sameAsDeployed(body: AdminBody, deployed: SalesforceConfigNode, cred: SalesforceCredentials, stored: SalesforceCredentials): boolean {
  const auth = deployed.auth();
  const same = (typed: unknown, current: string | undefined) => str(typed) === undefined || str(typed)!.trim() === (current ?? '');
  return (
    same(body.loginUrl, deployed.loginUrl) &&
    same(body.apiVersion, deployed.apiVersion) &&
    same(body.authType, auth.method) &&
    same(body.username, auth.username) &&
    same(body.clientId, auth.clientId) &&
    SECRET_FIELDS.every((f) => cred[f] === stored[f])
  );
}

export function adminClient(RED: RED, body: AdminBody, options: { reuseDeployed?: boolean } = {}): AdminClient {
  const deployed = typeof body.id === 'string' ? (RED.nodes.getNode(body.id) as unknown as SalesforceConfigNode | null) : null;
  const stored = (deployed?.credentials ?? {}) as SalesforceCredentials;
  const cred: SalesforceCredentials = {};
  for (const f of SECRET_FIELDS) {
    const typed = body[f];
    cred[f] = typeof typed === 'string' && typed !== UNCHANGED && typed !== '' ? typed : stored[f];
  }
  const secrets = Object.values(cred).filter((s): s is string => !!s);
  if (options.reuseDeployed && deployed && sameAsDeployed(body, deployed, cred, stored)) {
    return { client: deployed.client(), secrets, release: () => undefined };
  }
  const fields: SalesforceConfigFields = {
    loginUrl: str(body.loginUrl) ?? deployed?.loginUrl,
    apiVersion: str(body.apiVersion) ?? deployed?.apiVersion,
    authType: (str(body.authType) ?? deployed?.auth().method) as SalesforceConfigFields['authType'],
    username: str(body.username) ?? (deployed ? deployed.auth().username : undefined),
    clientId: str(body.clientId) ?? (deployed ? deployed.auth().clientId : undefined),
  };
  const client = new SalesforceClient({ ...clientOptions(fields, cred), maxAttempts: 1 });
  return { client, secrets, release: () => void client.close() };
}
