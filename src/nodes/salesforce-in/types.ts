import type { Node, NodeDef } from 'node-red';

export const TYPE = 'crm-salesforce-in';

export type ReadMode = 'query' | 'bulk' | 'delta' | 'ids' | 'describe';
export type OutputMode = 'page' | 'record';
/** pull: send a page, wait for msg.next=true before reading the next one; all: read and send every page. */
export type Paging = 'pull' | 'all';
/**
 * When a delta read saves the cursor of a page (pull paging): 'sent' right after sending it;
 * 'next' only when msg.next asks for the following page (or ends the read after the last page).
 */
export type CommitOn = 'sent' | 'next';

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
  /** Delta with pull paging: when the cursor of a page is saved (default 'sent'). */
  commit?: CommitOn;
  /** Optional crm-pg-config for delta cursors; else the node's context. */
  store?: string;
  /** Name of the stored cursor (default: the node id). */
  cursorName?: string;
}

export type SalesforceInDef = NodeDef & SalesforceInFields;
export type SalesforceInNode = Node;
