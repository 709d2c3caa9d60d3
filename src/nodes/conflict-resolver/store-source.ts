/**
 * Where the node's snapshots live: in memory, or in PostgreSQL through a crm-pg-config, which owns
 * the pool and runs the migrations; the node is registered with it for its lifetime.
 */
import type { Node } from 'node-red';
import { MemorySnapshotStore, PgSnapshotStore } from '../../core/conflict';
import type { SnapshotStore } from '../../core/conflict';
import { PgClient } from '../shared/pg-client';
import type { RED } from '../shared/runtime';

/** Memory stores by node id, so snapshots survive a redeploy of the flow (not a restart). */
const memoryStores = new Map<string, MemorySnapshotStore>();

export interface NodeStore {
  kind: 'memory' | 'postgres';
  get(): Promise<SnapshotStore>;
  /** Why the store cannot work (the selected crm-pg-config is missing); reported at deploy. */
  setupError?: unknown;
  /** Shows the node's own status; with PostgreSQL it comes back after a connection problem. */
  show(apply: () => void): void;
  /** Called on close after the last query: a removed node's in-memory snapshots are dropped. */
  release(removed: boolean): void;
}

/** A store opened on first use; a failed open is retried by the next message. */
export function lazyStore(RED: RED, node: Node, pgConfigId: string | undefined): NodeStore {
  if (!pgConfigId) {
    const memory = memoryStores.get(node.id) ?? new MemorySnapshotStore();
    memoryStores.set(node.id, memory);
    return {
      kind: 'memory',
      get: async () => memory,
      show: (apply) => apply(),
      release: (removed) => {
        if (removed) memoryStores.delete(node.id);
      },
    };
  }
  let client: PgClient;
  try {
    client = PgClient.attach(RED, node, pgConfigId);
  } catch (err) {
    return { kind: 'postgres', get: () => Promise.reject(err), setupError: err, show: (apply) => apply(), release: () => undefined };
  }
  let opening: Promise<SnapshotStore> | undefined;
  return {
    kind: 'postgres',
    get() {
      opening ??= client.getStore().then((db) => new PgSnapshotStore(db));
      opening.catch(() => {
        opening = undefined;
      });
      return opening;
    },
    show: (apply) => client.show(apply),
    release: () => client.release(),
  };
}
