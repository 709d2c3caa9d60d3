import type { Node, NodeDef } from 'node-red';
import type { AuthMethod, SalesforceAuth, SalesforceClient } from '../../connectors/salesforce';

export const TYPE = 'crm-salesforce-config';

export interface SalesforceConfigFields {
  version?: number;
  loginUrl?: string;
  apiVersion?: string;
  authType?: AuthMethod;
  username?: string;
  clientId?: string;
  /** Requests in flight at once for this org. */
  maxConcurrent?: number | string;
  /** Percentage of the daily API allocation above which calls are spaced out. */
  slowDownAt?: number | string;
}

export type SalesforceConfigDef = NodeDef & SalesforceConfigFields;

export interface SalesforceCredentials {
  password?: string;
  securityToken?: string;
  clientSecret?: string;
  refreshToken?: string;
  privateKey?: string;
}

export const SECRET_FIELDS: Array<keyof SalesforceCredentials> = ['password', 'securityToken', 'clientSecret', 'refreshToken', 'privateKey'];

/**
 * What client nodes see of a Salesforce configuration:
 *   const cfg = requireConfig<SalesforceConfigNode>(RED, def.connection, TYPE);
 *   const client = cfg.client();   // one Connection for every node of this org
 */
export interface SalesforceConfigNode extends Node<SalesforceCredentials> {
  readonly loginUrl: string;
  readonly apiVersion: string;
  auth(): SalesforceAuth;
  client(): SalesforceClient;
  /** Secret values to scrub from any text shown to users. */
  secrets(): string[];
}
