import { SalesforceClient } from '../../src/connectors/salesforce';
import type { ClientOptions } from '../../src/connectors/salesforce';
import type { SalesforceTwinHandle } from '../../src/sandbox/salesforce';

/** A connector client logged in to a twin as its demo user (password grant), with short retry pauses. */
export function twinClient(twin: SalesforceTwinHandle, options: Partial<ClientOptions> = {}): SalesforceClient {
  const i = twin.info;
  return new SalesforceClient({
    auth: { method: 'password', loginUrl: i.loginUrl, username: i.username, password: i.password, securityToken: i.securityToken, clientId: i.clientId, clientSecret: i.clientSecret },
    retryBaseMs: 5,
    ...options,
  });
}
