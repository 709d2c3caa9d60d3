import type { Node, NodeDef } from 'node-red';
import type { Migration } from '../shared/migrate';

export const TYPE = 'crm-conflict-resolver';

export type ModeName = 'lww' | 'priority' | 'jsonata' | 'fields';

export interface RuleRow {
  field: string;
  strategy: string;
  /** Comma-separated systems, most trusted first; empty = the node's source priority. */
  priority?: string;
}

export interface ConflictResolverDef extends NodeDef {
  version?: number;
  strategy?: ModeName;
  /** With strategy "fields": the strategy of fields that have no rule. */
  fallback?: 'lww' | 'priority' | 'jsonata';
  priority?: string[];
  rules?: RuleRow[];
  expression?: string;
  emptyEqualsNull?: boolean;
  numericStrings?: boolean;
  datesAsInstants?: boolean;
  arraysUnordered?: boolean;
  trimStrings?: boolean;
  ignoreFields?: string;
  timeField?: string;
  /** msg property (dotted path) holding the entity key. */
  keyProperty?: string;
  /** Optional crm-pg-config node id: snapshots in PostgreSQL; else in memory. */
  pgConfig?: string;
  echoOutput?: boolean;
}

/** Configs saved before `version` existed are version 0; v1 is the first release, nothing to change. */
export const MIGRATIONS: ReadonlyArray<Migration<ConflictResolverDef>> = [(c) => c];

export interface Counters {
  resolved: number;
  conflicts: number;
  echoes: number;
  errors: number;
}

export type ConflictResolverNode = Node;
