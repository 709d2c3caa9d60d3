/**
 * Golden record by survivorship: for each field, pick the surviving value from the cluster's records
 * by a rule (most recent, most complete, source priority, first). Pure; input records are not modified.
 */
import type { SurvivorshipRule } from './types';

export interface MergeOptions {
  /** Rule for fields without their own rule. */
  defaultRule: SurvivorshipRule;
  /** Per record key. */
  rules?: Record<string, SurvivorshipRule>;
  /** Record key holding a last-modified date (ISO string, epoch ms or Date) for "mostRecent". */
  updatedAtKey?: string;
  /** Record key naming the record's source system, ranked by `sourcePriority` (first = most trusted). */
  sourceKey?: string;
  sourcePriority?: string[];
  /** Key whose value is always taken from the first record (the cluster's survivor), e.g. the CRM id. */
  idKey?: string;
}

type Rec = Record<string, unknown>;

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

function timeOf(rec: Rec, key: string | undefined): number {
  if (!key) return Number.NEGATIVE_INFINITY;
  const v = rec[key];
  const t = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(String(v ?? ''));
  return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY;
}

function filledCount(rec: Rec): number {
  return Object.values(rec).filter((v) => !isEmpty(v)).length;
}

function sizeOf(v: unknown): number {
  return typeof v === 'string' ? v.trim().length : JSON.stringify(v)?.length ?? 0;
}

/** Best record first by the rule; stable, so ties keep cluster order (survivor first). */
function ranker(rule: SurvivorshipRule, options: MergeOptions, field: string): (a: Rec, b: Rec) => number {
  const rank = (rec: Rec): number => {
    const src = options.sourceKey ? String(rec[options.sourceKey] ?? '') : '';
    const i = (options.sourcePriority ?? []).indexOf(src);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  switch (rule) {
    case 'mostRecent':
      return (a, b) => timeOf(b, options.updatedAtKey) - timeOf(a, options.updatedAtKey);
    case 'mostComplete':
      return (a, b) => sizeOf(b[field]) - sizeOf(a[field]) || filledCount(b) - filledCount(a);
    case 'sourcePriority':
      return (a, b) => rank(a) - rank(b) || timeOf(b, options.updatedAtKey) - timeOf(a, options.updatedAtKey);
    default:
      return () => 0;
  }
}

/** Merges a cluster (survivor first) into one golden record. */
export function mergeRecords(records: Rec[], options: MergeOptions): Rec {
  if (records.length === 0) return {};
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const golden: Rec = {};
  for (const key of keys) {
    if (key === options.idKey) {
      golden[key] = records[0][key];
      continue;
    }
    const rule = options.rules?.[key] ?? options.defaultRule;
    const withValue = records.filter((r) => !isEmpty(r[key]));
    if (withValue.length === 0) {
      golden[key] = records[0][key];
      continue;
    }
    golden[key] = [...withValue].sort(ranker(rule, options, key))[0][key];
  }
  return golden;
}
