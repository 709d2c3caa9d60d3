import type { Node, NodeDef } from 'node-red';
import type { WriteOperation } from '../../connectors/salesforce';

export const TYPE = 'crm-salesforce-out';

export interface SalesforceOutFields {
  version?: number;
  connection?: string;
  operation?: WriteOperation | 'composite';
  object?: string;
  externalIdField?: string;
  allOrNone?: boolean;
  /** Send Sforce-Duplicate-Rule-Header: allowSave=true. */
  allowDuplicates?: boolean;
  /** Above this many records use Bulk API 2.0 (0 = never). */
  bulkThreshold?: number | string;
}

export type SalesforceOutDef = NodeDef & SalesforceOutFields;
export type SalesforceOutNode = Node;
