/** Shared by the dedupe quality tests and the bench script: benchmark data loaders and pairwise metrics. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DedupeResult } from '../../src/core/dedupe/engine';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The benchmark data live beside the repository (../shared/data/dedupe) and are never copied into it.
 * A git worktree one level deeper (wt/<branch>) finds the same folder one level further up.
 */
export const DATA_DIR =
  process.env.DEDUPE_DATA_DIR ??
  [path.resolve(REPO_ROOT, '..', 'shared', 'data', 'dedupe'), path.resolve(REPO_ROOT, '..', '..', 'shared', 'data', 'dedupe')].find((d) => fs.existsSync(d)) ??
  path.resolve(REPO_ROOT, '..', 'shared', 'data', 'dedupe');

export function readCsv(relative: string): Array<Record<string, string>> {
  const text = fs.readFileSync(path.join(DATA_DIR, relative), 'utf8');
  return parse(text, { columns: (h: string[]) => h.map((c) => c.trim()), trim: true, skip_empty_lines: true, relax_column_count: true });
}

export interface PairMetrics {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
}

function pairsIn(n: number): number {
  return (n * (n - 1)) / 2;
}

function countBy<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return m;
}

/** Pairwise precision/recall/F1 of predicted clusters (record id → cluster) against true entity ids. */
export function pairwiseMetrics(truth: Map<string, string>, predicted: Map<string, string>): PairMetrics {
  const ids = [...truth.keys()];
  const pred = (id: string): string => predicted.get(id) ?? `single:${id}`;
  const sum = (m: Map<string, number>): number => [...m.values()].reduce((s, n) => s + pairsIn(n), 0);
  const truePairs = sum(countBy(ids, (id) => truth.get(id) as string));
  const predictedPairs = sum(countBy(ids, pred));
  const correctPairs = sum(countBy(ids, (id) => `${truth.get(id)}\u0000${pred(id)}`));
  const precision = predictedPairs ? correctPairs / predictedPairs : 1;
  const recall = truePairs ? correctPairs / truePairs : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, truePairs, predictedPairs, correctPairs };
}

/** Record id → cluster id from a dedupe result (records outside any cluster are singletons). */
export function predictedClusters(result: DedupeResult): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of result.clusters) for (const id of c.members) m.set(id, c.clusterId);
  return m;
}
