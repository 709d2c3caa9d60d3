/**
 * crm-salesforce-config: one Salesforce org and how to log in to it. It owns the org's
 * SalesforceClient, so every node using it shares one session, one concurrency limit and one
 * view of the API allocation; closing it stops the client.
 */
import { SalesforceClient } from '../../connectors/salesforce';
import { migrateConfig } from '../shared/migrate';
import { onClose } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import { clientOptions } from './settings';
import type { SalesforceSettings } from './settings';
import { registerDescribeEndpoints } from './describe-endpoints';
import { registerTestEndpoint } from './test-connection';
import { SECRET_FIELDS, TYPE } from './types';
import type { SalesforceConfigDef, SalesforceConfigNode } from './types';

export = function register(RED: RED): void {
  const settings = (): SalesforceSettings => (RED.settings as unknown as { crmSyncSalesforce?: SalesforceSettings }).crmSyncSalesforce ?? {};

  function SalesforceConfig(this: SalesforceConfigNode & { loginUrl: string; apiVersion: string }, def: SalesforceConfigDef): void {
    RED.nodes.createNode(this, def);
    const config = migrateConfig(def, []);
    const options = () => clientOptions(config, this.credentials ?? {}, settings());
    this.loginUrl = options().auth.loginUrl ?? '';
    this.apiVersion = options().apiVersion ?? '';
    this.auth = () => options().auth;
    this.secrets = () => SECRET_FIELDS.map((f) => this.credentials?.[f]).filter((s): s is string => !!s);
    let client: SalesforceClient | undefined;
    this.client = () => (client ??= new SalesforceClient(options()));
    onClose(this, async () => {
      await client?.close();
    });
  }
  RED.nodes.registerType(TYPE, SalesforceConfig as never, {
    credentials: Object.fromEntries(SECRET_FIELDS.map((f) => [f, { type: 'password' as const }])),
  });
  registerTestEndpoint(RED, TYPE);
  registerDescribeEndpoints(RED, TYPE);
};
