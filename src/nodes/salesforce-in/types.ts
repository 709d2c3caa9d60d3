import type { Node, NodeDef } from 'node-red';

export const TYPE = 'crm-salesforce-in';

export type ReadMode = 'query' | 'bulk' | 'delta' | 'ids' | 'describe';
export type OutputMode = 'page' | 'record';
/** pull: send a page, wait for msg.next=true before reading the next one; all: read and send every page. */
export type Paging = 'pull' | 'all';

export interface SalesforceInFields {
  version?: number;
  connection?: string;
  mode?: ReadMode;
  query?: string;
  object?: string;
  fields?: string;
  where?: string;
  includeDeleted?: boolean;
  pageSize?: number | string;
  /** Bulk mode: minutes to wait for Salesforce to run the query job. */
  bulkTimeout?: number | string;
  output?: OutputMode;
  paging?: Paging;
  /** Optional crm-pg-config for delta cursors; else the node's context. */
  store?: string;
  /** Name of the stored cursor (default: the node id). */
  cursorName?: string;
}

export type SalesforceInDef = NodeDef & SalesforceInFields;
export type SalesforceInNode = Node;
