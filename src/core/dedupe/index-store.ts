/**
 * The persistent dedupe index: what earlier runs saw, so a new batch is also checked against them.
 * Looked up by blocking key only, so a run costs what its batch costs, not what the index holds.
 */
export interface IndexedRecord {
  id: string;
  clusterId: string;
  /** Normalized values by profile field (what the scorer compares). */
  values: Record<string, string>;
  keys: string[];
  /** The original record, for "matched record" outputs and golden-record merges. */
  record?: unknown;
}

export type IndexCandidate = Omit<IndexedRecord, 'keys'>;

/** What one run writes: records to insert or replace, and clusters a batch merged. */
export interface IndexChange {
  records: IndexedRecord[];
  relabels: Array<{ from: string[]; into: string }>;
}

export interface DedupeIndex {
  /** Indexed records sharing any of `keys`, at most `perKeyLimit` per key. */
  candidates(namespace: string, keys: string[], perKeyLimit: number): Promise<IndexCandidate[]>;
  /** Inserts or replaces records (by id) with their keys. */
  upsert(namespace: string, records: IndexedRecord[]): Promise<void>;
  /** Moves every record of the `from` clusters into cluster `into` (a batch linked them). */
  relabel(namespace: string, from: string[], into: string): Promise<void>;
  /** Relabels, then upserts, all or nothing. */
  save(namespace: string, change: IndexChange): Promise<void>;
  size(namespace: string): Promise<number>;
  clear(namespace: string): Promise<void>;
}

interface Space {
  records: Map<string, IndexedRecord>;
  blocks: Map<string, Set<string>>;
}

/** Process-memory index: survives between messages, not restarts. */
export class MemoryDedupeIndex implements DedupeIndex {
  private readonly spaces = new Map<string, Space>();

  private space(ns: string): Space {
    let s = this.spaces.get(ns);
    if (!s) {
      s = { records: new Map(), blocks: new Map() };
      this.spaces.set(ns, s);
    }
    return s;
  }

  async candidates(ns: string, keys: string[], perKeyLimit: number): Promise<IndexCandidate[]> {
    const s = this.space(ns);
    const out = new Map<string, IndexCandidate>();
    for (const key of new Set(keys)) {
      let n = 0;
      for (const id of s.blocks.get(key) ?? []) {
        if (n++ >= perKeyLimit) break;
        const r = s.records.get(id);
        if (r && !out.has(id)) out.set(id, { id: r.id, clusterId: r.clusterId, values: r.values, record: r.record });
      }
    }
    return [...out.values()];
  }

  async upsert(ns: string, records: IndexedRecord[]): Promise<void> {
    const s = this.space(ns);
    for (const r of records) {
      for (const key of s.records.get(r.id)?.keys ?? []) s.blocks.get(key)?.delete(r.id);
      s.records.set(r.id, { ...r, keys: [...r.keys] });
      for (const key of r.keys) {
        let b = s.blocks.get(key);
        if (!b) s.blocks.set(key, (b = new Set()));
        b.add(r.id);
      }
    }
  }

  async relabel(ns: string, from: string[], into: string): Promise<void> {
    const set = new Set(from);
    for (const r of this.space(ns).records.values()) if (set.has(r.clusterId)) r.clusterId = into;
  }

  async save(ns: string, change: IndexChange): Promise<void> {
    for (const { from, into } of change.relabels) await this.relabel(ns, from, into);
    await this.upsert(ns, change.records);
  }

  async size(ns: string): Promise<number> {
    return this.space(ns).records.size;
  }

  async clear(ns: string): Promise<void> {
    this.spaces.delete(ns);
  }
}
