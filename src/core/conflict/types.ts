/**
 * Contract of the conflict resolver: one record as several systems hold it, the last-synced
 * snapshot, and what comes out (resolved record, per-system patches, conflict report, new snapshot).
 */

export type FieldValues = Record<string, unknown>;

/** One system's version of the record, after input parsing (long and short forms both end up here). */
export interface SystemVersion {
  system: string;
  record: FieldValues;
  /** Per-field modification times, epoch ms. */
  modified: Record<string, number>;
  /** Record-level modification time, epoch ms. */
  modifiedAt?: number;
}

/**
 * The last-synced state of an entity: the merged record and, per system, the hash of the record as
 * we last wrote it there (used to recognise echoes of our own writes).
 */
export interface Snapshot {
  key?: string;
  record: FieldValues;
  hashes: Record<string, string>;
  updatedAt?: string;
}

export interface EquivalenceOptions {
  /** null, undefined and "" are the same value (undefined and null always are). Default true. */
  emptyEqualsNull: boolean;
  /** 42 and "42" are the same value (plain decimal strings only, see normalize.ts). Default true. */
  numericStrings: boolean;
  /** ISO 8601 date-times are compared as instants, whatever their offset. Default true. */
  datesAsInstants: boolean;
  /** Arrays are compared as multisets (order ignored). Default false. */
  arraysUnordered: boolean;
  /** Leading and trailing white space is ignored in strings. Default false. */
  trimStrings: boolean;
}

export type StrategyName = 'lww' | 'priority' | 'jsonata';

export interface FieldRule {
  field: string;
  strategy: StrategyName;
  /** Source priority for this field only; the global list when empty. */
  priority?: string[];
}

export interface ResolveOptions {
  /** Strategy for fields without a rule. */
  strategy: StrategyName;
  /** Systems in priority order, most trusted first; unlisted systems follow alphabetically. */
  priority: string[];
  fieldRules: FieldRule[];
  /** JSONata expression used by the `jsonata` strategy (see jsonata-strategy.ts). */
  expression?: string;
  equivalence: EquivalenceOptions;
  /** Fields never compared, merged or patched (ids, system timestamps). */
  ignoreFields: string[];
  /** Short-form record field holding the record's modification time (also ignored for comparison). */
  timeField?: string;
}

export type RuleName =
  | 'last-write-wins'
  | 'source-priority'
  | 'jsonata'
  | 'jsonata-value';

export interface ConflictEntry {
  /** Entity key when known (the store key), else null. */
  entity: string | null;
  field: string;
  /** Each competing system's value, raw as received. */
  values: Record<string, unknown>;
  /** Systems whose values competed (changed since the snapshot; every reporting system when two-way). */
  changed: string[];
  /** Value in the last-synced snapshot; null in a two-way comparison. */
  base: unknown;
  /** Winning system, or "expression" when a JSONata expression computed a new value. */
  winner: string;
  value: unknown;
  rule: RuleName;
  /** Set when the rule came from the per-field rules table. */
  fieldRule: boolean;
  /** Why the winner won, e.g. "newest change at …" or "equal times at …, first in source priority". */
  reason: string;
  modified: Record<string, string | null>;
  /** sync_log-ready columns (msg.crm of a pg logger): recordId is the entity key. */
  recordId: string | null;
  status: 'success';
  event: 'conflict_resolved';
  system: string;
  message: string;
}

/** A field changed on one side (or on several sides to the same value): not a conflict. */
export interface FieldChange {
  field: string;
  systems: string[];
  value: unknown;
}

export interface Resolution {
  kind: 'resolved';
  mode: 'three-way' | 'two-way';
  record: FieldValues;
  patches: Record<string, FieldValues>;
  conflicts: ConflictEntry[];
  changes: FieldChange[];
  /** Systems whose version was an echo of our own last write and so took no part. */
  echoes: string[];
  snapshot: Snapshot;
}

export interface EchoResult {
  kind: 'echo';
  echoes: string[];
}

export type ResolveResult = Resolution | EchoResult;
