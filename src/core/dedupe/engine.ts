/**
 * One dedupe run over a batch: prepare → block (batch + index candidates) → score candidate pairs →
 * cluster matches transitively → split into unique / duplicates / review pairs → update the index.
 */
import { blockingKeys, candidatePairs } from './blocking';
import { explain } from './explain';
import type { Explanation } from './explain';
import type { DedupeIndex, IndexCandidate } from './index-store';
import { isPlainRecord, prepareRecord } from './prepare';
import type { PrepareOptions, RecordError } from './prepare';
import { Scorer } from './scoring';
import { mergeRecords } from './survivorship';
import type { MergeOptions } from './survivorship';
import type { FieldKind, PairScore, PreparedRecord, Profile } from './types';
import { UnionFind } from './union-find';

export interface DedupeOptions extends PrepareOptions {
  /** Score (bits) at or above which two records are the same entity. */
  matchThreshold: number;
  /** Score at or above which (and below match) a pair is flagged for human review. */
  reviewThreshold: number;
  /** Blocks larger than this are compared by sorted neighbourhood instead of all pairs. */
  maxBlockSize?: number;
  /** Neighbourhood width for oversized blocks. */
  window?: number;
  /** Index partition (one per profile/use, e.g. "contacts"). */
  namespace?: string;
  /** Golden-record merge; off when absent. */
  merge?: MergeOptions;
  /** Keep the original record in the index (needed for matched-record output and merges across runs). */
  storeRecords?: boolean;
  /** Called every few thousand comparisons on big batches (for a progress status). */
  onProgress?: (progress: { comparisons: number; records: number }) => void;
}

export interface DuplicateEntry {
  clusterId: string;
  id: string;
  index: number;
  record: unknown;
  matchedId: string;
  matchedRecord: unknown;
  /** True when the match is a record from an earlier run (the index), not this batch. */
  matchedInIndex: boolean;
  score: number;
  explanation: Explanation;
}

export interface ReviewPair {
  review: true;
  a: { id: string; record: unknown; index?: number };
  b: { id: string; record: unknown; index?: number; inIndex: boolean };
  score: number;
  explanation: Explanation;
}

export interface ClusterInfo {
  clusterId: string;
  members: string[];
  golden?: Record<string, unknown>;
}

export interface DedupeStats {
  records: number;
  valid: number;
  unique: number;
  duplicates: number;
  review: number;
  errors: number;
  clusters: number;
  comparisons: number;
  indexCandidates: number;
}

export interface DedupeResult {
  unique: unknown[];
  duplicates: DuplicateEntry[];
  review: ReviewPair[];
  errors: RecordError[];
  clusters: ClusterInfo[];
  stats: DedupeStats;
}

const YIELD_EVERY = 20_000;

export const DEFAULTS = { maxBlockSize: 40, window: 10, namespace: 'default' } as const;

interface Item {
  prepared: PreparedRecord | IndexCandidate;
  raw: unknown;
  /** Position in the batch, or -1 for an index record. */
  index: number;
  clusterId?: string;
}

interface Edge {
  i: number;
  j: number;
  result: PairScore;
}

/** Sorted-neighbourhood order inside oversized blocks: by name (surname/organisation first), then given name. */
function sortKeyOf(profile: Profile): (item: Item) => string {
  const rank: Partial<Record<FieldKind, number>> = { surname: 0, company: 0, fullName: 0, givenName: 1 };
  const fields = profile.fields
    .filter((f) => rank[f.kind] !== undefined)
    .sort((a, b) => (rank[a.kind] as number) - (rank[b.kind] as number))
    .map((f) => f.field);
  return (item) => `${fields.map((f) => item.prepared.values[f] ?? '').join(' ')} ${item.prepared.id}`;
}

export async function dedupeBatch(input: unknown[], options: DedupeOptions, index?: DedupeIndex): Promise<DedupeResult> {
  const namespace = options.namespace ?? DEFAULTS.namespace;
  const errors: RecordError[] = [];
  const items: Item[] = [];
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  input.forEach((raw, i) => {
    const out = prepareRecord(raw, options, `auto:${run}:${i}`);
    if (out.ok) items.push({ prepared: out.record, raw, index: i });
    else errors.push({ index: i, record: raw, ...out.error });
  });
  const batchSize = items.length;
  const blocks = new Map<string, number[]>();
  const addToBlock = (key: string, i: number): void => {
    const b = blocks.get(key);
    if (b) b.push(i);
    else blocks.set(key, [i]);
  };
  items.forEach((it, i) => (it.prepared as PreparedRecord).keys.forEach((k) => addToBlock(k, i)));

  const maxBlockSize = options.maxBlockSize ?? DEFAULTS.maxBlockSize;
  const window = options.window ?? DEFAULTS.window;
  const batchIds = new Set(items.map((it) => it.prepared.id));
  if (index && batchSize > 0) {
    const candidates = await index.candidates(namespace, [...blocks.keys()], maxBlockSize);
    for (const c of candidates) {
      // a record re-sent in a later batch is compared as new, not with its own stale copy
      if (batchIds.has(c.id)) continue;
      items.push({ prepared: c, raw: c.record, index: -1, clusterId: c.clusterId });
    }
    const batchKeys = new Set(blocks.keys());
    for (let i = batchSize; i < items.length; i += 1) {
      for (const k of blockingKeys(items[i].prepared.values, options.profile.blocking)) if (batchKeys.has(k)) addToBlock(k, i);
    }
  }

  // unmapped fields would only ever be "missing": leave them out of scores and explanations
  const scorer = new Scorer({ ...options.profile, fields: options.profile.fields.filter((f) => options.mapping[f.field]) });
  const edges: Edge[] = [];
  let comparisons = 0;
  const sortKeys = items.map(sortKeyOf(options.profile));
  const pairs = candidatePairs(
    blocks,
    (i) => sortKeys[i],
    (i) => i < batchSize,
    { maxBlockSize, window },
    (i, j) => {
      comparisons += 1;
      const a = items[i].prepared.values;
      const b = items[j].prepared.values;
      if (scorer.total(a, b) >= options.reviewThreshold) edges.push({ i, j, result: scorer.score(a, b) });
    },
  );
  let reported = 0;
  for (const _ of pairs) {
    // a big batch must not freeze the host (Node-RED serves its editor and other flows meanwhile)
    if (comparisons - reported >= YIELD_EVERY) {
      reported = comparisons;
      options.onProgress?.({ comparisons, records: batchSize });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  const uf = new UnionFind(items.length);
  for (const e of edges) if (e.result.score >= options.matchThreshold) uf.union(e.i, e.j);
  // index records already grouped together stay together
  const firstOfCluster = new Map<string, number>();
  for (let i = batchSize; i < items.length; i += 1) {
    const cid = items[i].clusterId as string;
    const first = firstOfCluster.get(cid);
    if (first === undefined) firstOfCluster.set(cid, i);
    else uf.union(first, i);
  }

  const { result, clusterOfRoot } = assemble(items, batchSize, edges, uf, options);
  result.errors = errors;
  result.stats.records = input.length;
  result.stats.errors = errors.length;
  result.stats.comparisons = comparisons;
  result.stats.indexCandidates = items.length - batchSize;

  if (index && batchSize > 0) await updateIndex(index, namespace, items, batchSize, clusterOfRoot, uf, options);
  return result;
}

function bestEdgeOf(edges: Edge[], options: DedupeOptions): Map<number, Edge> {
  const best = new Map<number, Edge>();
  for (const e of edges) {
    if (e.result.score < options.matchThreshold) continue;
    for (const end of [e.i, e.j]) {
      const cur = best.get(end);
      if (!cur || e.result.score > cur.result.score) best.set(end, e);
    }
  }
  return best;
}

function assemble(items: Item[], batchSize: number, edges: Edge[], uf: UnionFind, options: DedupeOptions): { result: DedupeResult; clusterOfRoot: Map<number, string> } {
  const best = bestEdgeOf(edges, options);
  const out: DedupeResult = {
    unique: [],
    duplicates: [],
    review: [],
    errors: [],
    clusters: [],
    stats: { records: 0, valid: batchSize, unique: 0, duplicates: 0, review: 0, errors: 0, clusters: 0, comparisons: 0, indexCandidates: 0 },
  };
  const rootCluster = new Map<number, string>();
  for (const group of uf.groups()) {
    const batchMembers = group.filter((i) => i < batchSize);
    if (batchMembers.length === 0) continue;
    const indexed = group.filter((i) => i >= batchSize);
    const existing = indexed.map((i) => items[i].clusterId as string).sort();
    const survivor = indexed.length > 0 ? indexed[0] : batchMembers[0];
    const clusterId = existing[0] ?? `c:${items[survivor].prepared.id}`;
    rootCluster.set(uf.find(survivor), clusterId);
    const members = [...indexed, ...batchMembers];
    let golden: Record<string, unknown> | undefined;
    if (members.length > 1) {
      if (options.merge) golden = mergeRecords(members.map((i) => items[i].raw).filter(isPlainRecord), { idKey: options.idKey, ...options.merge });
      out.clusters.push({ clusterId, members: members.map((i) => items[i].prepared.id), ...(golden ? { golden } : {}) });
      if (golden) out.unique.push(golden);
    }
    for (const i of batchMembers) {
      if (i === survivor) {
        if (!golden) out.unique.push(items[i].raw);
        continue;
      }
      out.duplicates.push(duplicateEntry(items, i, best.get(i), clusterId, batchSize, options));
    }
  }
  for (const e of edges) {
    if (e.result.score >= options.matchThreshold || uf.find(e.i) === uf.find(e.j)) continue;
    out.review.push({
      review: true,
      a: { id: items[e.i].prepared.id, record: items[e.i].raw, index: items[e.i].index },
      b: { id: items[e.j].prepared.id, record: items[e.j].raw, index: e.j < batchSize ? items[e.j].index : undefined, inIndex: e.j >= batchSize },
      score: e.result.score,
      explanation: explain(e.result, options),
    });
  }
  out.stats.unique = out.unique.length;
  out.stats.duplicates = out.duplicates.length;
  out.stats.review = out.review.length;
  out.stats.clusters = out.clusters.length;
  return { result: out, clusterOfRoot: rootCluster };
}

function duplicateEntry(items: Item[], i: number, edge: Edge | undefined, clusterId: string, batchSize: number, options: DedupeOptions): DuplicateEntry {
  const item = items[i];
  // every non-survivor has a match edge (that is how it joined); fall back defensively to the survivor
  const other = edge ? (edge.i === i ? edge.j : edge.i) : i;
  return {
    clusterId,
    id: item.prepared.id,
    index: item.index,
    record: item.raw,
    matchedId: items[other].prepared.id,
    matchedRecord: items[other].raw,
    matchedInIndex: other >= batchSize,
    score: edge?.result.score ?? 0,
    explanation: edge ? explain(edge.result, options) : explain({ score: 0, fields: [] }, options),
  };
}

async function updateIndex(index: DedupeIndex, ns: string, items: Item[], batchSize: number, roots: Map<number, string>, uf: UnionFind, options: DedupeOptions): Promise<void> {
  const byId = new Map<string, Parameters<DedupeIndex['upsert']>[1][number]>();
  const relabels = new Map<string, Set<string>>();
  for (let i = 0; i < items.length; i += 1) {
    const clusterId = roots.get(uf.find(i));
    if (!clusterId) continue;
    if (i >= batchSize) {
      const old = items[i].clusterId as string;
      if (old !== clusterId) {
        const set = relabels.get(clusterId) ?? new Set<string>();
        relabels.set(clusterId, set.add(old));
      }
      continue;
    }
    const p = items[i].prepared as PreparedRecord;
    // the same id twice in one batch: the later copy wins, as a CRM upsert would
    byId.set(p.id, { id: p.id, clusterId, values: p.values, keys: p.keys, record: options.storeRecords === false ? undefined : items[i].raw });
  }
  await index.save(ns, { records: [...byId.values()], relabels: [...relabels].map(([into, from]) => ({ from: [...from], into })) });
}
