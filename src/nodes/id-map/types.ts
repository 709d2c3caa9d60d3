import type { Node, NodeDef } from 'node-red';
import type { Action } from '../../core/id-map';
import type { Migration } from '../shared/migrate';

export const TYPE = 'crm-id-map';

export interface IdMapDef extends NodeDef {
  version?: number;
  /** crm-pg-config node id (required). */
  store?: string;
  action?: Action;
  /** Default entity of link entries and the entity of lookups/unlinks. */
  entity?: string;
  /** lookup/unlink: the system whose id is given. */
  system?: string;
  /**
   * lookup/unlink: where the id (or list of ids) is, as a typed input (default msg crm.itemId).
   * Not `id`: that is the node's own id in a flow.
   */
  idFrom?: string;
  idFromType?: string;
}

/** Configs saved before `version` existed are version 0; v1 is the first release, nothing to change. */
export const MIGRATIONS: ReadonlyArray<Migration<IdMapDef>> = [(c) => c];

export interface Settings {
  action: Action;
  entity: string;
  /** Empty when not configured: then only link works. */
  system: string;
  idFrom: string;
  idFromType: string;
}

export interface Counters {
  linked: number;
  found: number;
  missing: number;
  unlinked: number;
  refused: number;
}

export type IdMapNode = Node;
