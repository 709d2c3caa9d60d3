/** Node configuration → core dedupe options. Throws CrmError BAD_CONFIG naming what to fix. */
import { buildProfile } from '../../core/dedupe/custom-profile';
import type { FieldRow } from '../../core/dedupe/custom-profile';
import type { DedupeOptions } from '../../core/dedupe/engine';
import type { FieldMapping } from '../../core/dedupe/prepare';
import type { SurvivorshipRule } from '../../core/dedupe/types';
import { CrmError } from '../../core/errors';
import type { DedupeDef, FieldTableRow } from './types';

function num(v: number | string | undefined): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : Number.NaN;
}

function badConfig(message: string): CrmError {
  return new CrmError('BAD_CONFIG', message, { params: { message } });
}

function keysOf(row: FieldTableRow): string[] {
  return String(row.key ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
}

export function buildOptions(def: DedupeDef): DedupeOptions {
  const rows = (Array.isArray(def.fields) ? def.fields : []).filter((r) => r && r.field && keysOf(r).length > 0);
  const mapping: FieldMapping = {};
  const rules: Record<string, SurvivorshipRule> = {};
  const fieldRows: FieldRow[] = rows.map((r) => {
    const keys = keysOf(r);
    mapping[r.field] = keys.length === 1 ? keys[0] : keys;
    if (r.rule) for (const k of keys) rules[k] = r.rule;
    return { field: r.field, kind: r.kind || undefined, m: num(r.m), u: num(r.u) };
  });
  let profile;
  try {
    profile = buildProfile(def.profile || 'contact', fieldRows);
  } catch (err) {
    throw badConfig((err as Error).message);
  }
  const match = num(def.matchThreshold) ?? profile.thresholds.match;
  const review = num(def.reviewThreshold) ?? profile.thresholds.review;
  if (!Number.isFinite(match) || !Number.isFinite(review)) throw badConfig('thresholds must be numbers (bits of evidence, e.g. 8)');
  if (review > match) throw badConfig(`the review threshold (${review}) must not be above the match threshold (${match})`);
  const maxBlockSize = num(def.maxBlockSize);
  if (maxBlockSize !== undefined && !(maxBlockSize >= 2)) throw badConfig('the maximum block size must be at least 2');
  return {
    profile,
    mapping,
    idKey: def.idKey?.trim() || undefined,
    matchThreshold: match,
    reviewThreshold: review,
    normalize: { defaultCountry: (def.defaultCountry || 'US').toUpperCase(), stripPlusTag: def.stripPlusTag !== false, gmailDots: def.gmailDots !== false },
    namespace: def.namespace?.trim() || profile.name,
    maxBlockSize,
    merge: def.merge
      ? {
          defaultRule: def.mergeRule || 'mostComplete',
          rules,
          updatedAtKey: def.updatedAtKey?.trim() || undefined,
          sourceKey: def.sourceKey?.trim() || undefined,
          sourcePriority: (def.sourcePriority ?? '').split(',').map((s) => s.trim()).filter(Boolean),
        }
      : undefined,
  };
}
