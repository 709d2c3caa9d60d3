/**
 * Where the node's dedupe index lives: in memory (kept for the node's lifetime), in PostgreSQL through
 * a crm-pg-config (which owns the pool and runs the migrations), or nowhere.
 */
import { MemoryDedupeIndex } from '../../core/dedupe/index-store';
import type { DedupeIndex } from '../../core/dedupe/index-store';
import { PgDedupeIndex } from '../../core/dedupe/pg-index';
import type { Node } from 'node-red';
import { PgClient } from '../shared/pg-client';
import type { RED } from '../shared/runtime';
import type { IndexMode } from './types';

export interface NodeIndex {
  get(): Promise<DedupeIndex | undefined>;
  /** Why the index cannot work (no crm-pg-config selected); shown at deploy, thrown by get(). */
  setupError?: unknown;
  /** Shows the node's own status; with PostgreSQL it comes back after a connection problem. */
  show(apply: () => void): void;
  /** From the close handler after the last query, so the crm-pg-config can close its pool. */
  release(): void;
}

function local(get: () => Promise<DedupeIndex | undefined>): NodeIndex {
  return { get, show: (apply) => apply(), release: () => undefined };
}

export function nodeIndex(RED: RED, node: Node, mode: IndexMode, configId: string | undefined): NodeIndex {
  if (mode === 'none') return local(async () => undefined);
  if (mode !== 'pg') {
    const memory = new MemoryDedupeIndex();
    return local(async () => memory);
  }
  let client: PgClient;
  try {
    client = PgClient.attach(RED, node, configId);
  } catch (err) {
    return { ...local(() => Promise.reject(err)), setupError: err };
  }
  return {
    get: async () => new PgDedupeIndex(await client.getStore()),
    show: (apply) => client.show(apply),
    release: () => client.release(),
  };
}
