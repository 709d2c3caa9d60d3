import type { Node, NodeDef } from 'node-red';
import type { FieldKind, SurvivorshipRule } from '../../core/dedupe/types';

export const TYPE = 'crm-dedupe';

/** One row of the editor's field table. */
export interface FieldTableRow {
  field: string;
  /** Record key, dotted path, or several joined by commas ("street_number, address_1"). */
  key: string;
  kind?: FieldKind | '';
  m?: number | string;
  u?: number | string;
  rule?: SurvivorshipRule | '';
}

export type IndexMode = 'memory' | 'pg' | 'none';

export interface DedupeDef extends NodeDef {
  version?: number;
  profile: 'lead' | 'contact' | 'account' | 'custom';
  fields: FieldTableRow[];
  property: string;
  idKey: string;
  matchThreshold: number | string;
  reviewThreshold: number | string;
  defaultCountry: string;
  stripPlusTag: boolean;
  gmailDots: boolean;
  index: IndexMode;
  pgConfig: string;
  namespace: string;
  merge: boolean;
  mergeRule: SurvivorshipRule;
  updatedAtKey: string;
  sourceKey: string;
  sourcePriority: string;
  maxBlockSize: number | string;
}

export type DedupeNode = Node;
