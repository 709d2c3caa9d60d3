/**
 * crm-monday-config: a monday.com account (API token and webhook signing secret in credentials),
 * API version, endpoint and complexity budget. It owns the one client its nodes share, so they
 * draw on one budget and one column cache; closing it stops the client.
 */
import { CrmError } from '../../core/errors';
import { DEFAULT_API_VERSION, DEFAULT_BUDGET, DEFAULT_ENDPOINT, MondayClient } from '../../connectors/monday';
import { migrateConfig } from '../shared/migrate';
import { onClose } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import { registerTestEndpoint } from './test-connection';
import { TYPE } from './types';
import type { MondayConfigDef, MondayConfigNode, MondaySettings } from './types';
import type { Node } from 'node-red';

export = function register(RED: RED): void {
  const settings = (): MondaySettings => (RED.settings as unknown as { crmSyncMonday?: MondaySettings }).crmSyncMonday ?? {};

  function MondayConfig(this: MondayConfigNode, def: MondayConfigDef): void {
    RED.nodes.createNode(this, def);
    const config = migrateConfig(def, []);
    this.endpoint = (config.endpoint || DEFAULT_ENDPOINT).trim().replace(/\/+$/, '');
    this.apiVersion = (config.apiVersion || DEFAULT_API_VERSION).trim();
    const budget = Number(config.budget);
    this.budget = Number.isFinite(budget) && budget > 0 ? budget : DEFAULT_BUDGET;
    this.token = () => this.credentials?.token?.trim() || undefined;
    this.signingSecret = () => this.credentials?.signingSecret?.trim() || undefined;
    const users = new Set<string>();
    let client: MondayClient | undefined;
    this.client = () => {
      const token = this.token();
      if (!token) throw new CrmError('MONDAY_TOKEN_MISSING', 'The monday config node has no API token: open it and paste one.');
      if (!client) {
        const s = settings();
        client = new MondayClient({ endpoint: this.endpoint, token, apiVersion: this.apiVersion, budget: this.budget, ...s });
      }
      return client;
    };
    this.register = (node: Node) => users.add(node.id);
    this.deregister = (node: Node) => users.delete(node.id);
    onClose(this, () => {
      client?.close();
    });
  }
  RED.nodes.registerType(TYPE, MondayConfig as never, {
    credentials: { token: { type: 'password' }, signingSecret: { type: 'password' } },
  });
  registerTestEndpoint(RED, TYPE);
};
