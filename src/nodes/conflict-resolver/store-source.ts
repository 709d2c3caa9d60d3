/**
 * Where the node's snapshots live. The one place that knows how a crm-pg-config node hands out its
 * connection (`getStore(): Promise<Queryable>`), so adapting to that node's final API is a one-line change.
 */
import { MemorySnapshotStore, PgSnapshotStore } from '../../core/conflict';
import type { SnapshotStore } from '../../core/conflict';
import { CrmError } from '../../core/errors';
import type { Queryable } from '../../core/store';
import { requireConfig } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import { PG_CONFIG_TYPE } from './types';

interface PgConfigLike {
  getStore?: () => Promise<Queryable>;
}

export async function pgQueryable(RED: RED, id: string): Promise<Queryable> {
  const config = requireConfig<PgConfigLike>(RED, id, PG_CONFIG_TYPE);
  if (typeof config.getStore !== 'function') {
    throw new CrmError('CONFLICT_PG_CONFIG_UNSUPPORTED', 'The selected PostgreSQL configuration cannot provide a connection: update the package.');
  }
  return config.getStore();
}

/** Memory stores by node id, so snapshots survive a redeploy of the flow (not a restart). */
const memoryStores = new Map<string, MemorySnapshotStore>();

export interface NodeStore {
  kind: 'memory' | 'postgres';
  get(): Promise<SnapshotStore>;
  /** Called on close: a removed node's in-memory snapshots are dropped. */
  release(removed: boolean): void;
}

/** A store opened on first use; a failed open is retried by the next message. */
export function lazyStore(RED: RED, nodeId: string, pgConfigId: string | undefined): NodeStore {
  if (!pgConfigId) {
    const memory = memoryStores.get(nodeId) ?? new MemorySnapshotStore();
    memoryStores.set(nodeId, memory);
    return {
      kind: 'memory',
      get: async () => memory,
      release: (removed) => {
        if (removed) memoryStores.delete(nodeId);
      },
    };
  }
  let opening: Promise<SnapshotStore> | undefined;
  return {
    kind: 'postgres',
    get() {
      opening ??= pgQueryable(RED, pgConfigId).then((db) => new PgSnapshotStore(db));
      opening.catch(() => {
        opening = undefined;
      });
      return opening;
    },
    release: () => undefined,
  };
}
