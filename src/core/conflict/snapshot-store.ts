/**
 * Where snapshots live between messages, per entity key: the merged record of the last resolution
 * (the three-way base) and, per system, the hash of what we last wrote there (echo detection).
 */
import type { Snapshot } from './types';

export interface SnapshotStore {
  /** "memory" or "postgres", for status and help. */
  readonly kind: string;
  load(key: string): Promise<Snapshot | undefined>;
  save(key: string, snapshot: Snapshot): Promise<void>;
}

/**
 * In-process store, bounded: the least recently used entities are forgotten past `maxEntries`.
 * Lost on restart, so after a restart the first message per record is compared two-way.
 */
export class MemorySnapshotStore implements SnapshotStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, Snapshot>();

  constructor(private readonly maxEntries = 10_000) {}

  async load(key: string): Promise<Snapshot | undefined> {
    const found = this.entries.get(key);
    if (!found) return undefined;
    this.entries.delete(key);
    this.entries.set(key, found);
    return structuredClone(found);
  }

  async save(key: string, snapshot: Snapshot): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, structuredClone(snapshot));
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
