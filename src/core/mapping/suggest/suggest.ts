/**
 * "Smart field mapping": proposes source → target rows with a confidence from name similarity,
 * synonyms, type compatibility and what the sample values look like; one target per source.
 */
import { typeCompatibility, transformFor } from '../schema/compat';
import type { FieldType, Mapping, MappingRow, TargetField, TargetSchema, TransformSpec } from '../types';
import { profileValues } from './profile';
import { nameSimilarity } from './similarity';
import { compact } from './tokens';

export interface SuggestOptions {
  /** Sample values per source field name; sharpen type guesses ("looks like an email"). */
  samples?: Record<string, unknown[]>;
  /** Pairs below this confidence are not proposed (0..1, default 0.6). */
  minConfidence?: number;
}

export interface Suggestion {
  source: string;
  target: string;
  confidence: number;
  reasons: string[];
  transform?: TransformSpec;
}

export interface SuggestResult {
  suggestions: Suggestion[];
  unmatchedSources: string[];
  /** Target fields nobody maps to; required ones first, since inserts fail without them. */
  unmatchedTargets: Array<{ name: string; required: boolean }>;
  mapping: Mapping;
}

function scorePair(source: TargetField, profiled: FieldType | undefined, target: TargetField): { score: number; reasons: string[] } {
  const name = nameSimilarity(source, target);
  const reasons = [name.reason];
  let score = name.score;
  const effective = profiled ?? source.type;
  const compat = typeCompatibility(effective, target.type);
  if (compat === 0) {
    score *= 0.3;
    reasons.push(`type ${effective} does not fit ${target.type}`);
  } else {
    score *= 0.7 + 0.3 * compat;
    if (compat < 1) reasons.push(`type ${effective} → ${target.type}`);
  }
  if (profiled && profiled === target.type) reasons.push(`sample values look like ${profiled}`);
  if (target.readOnly && !target.key) {
    score *= 0.5;
    reasons.push(`${target.name} is read-only`);
  }
  return { score, reasons };
}

/** The transform a proposed row starts with: type conversions, name splits, picklist checks. */
function proposeTransform(source: TargetField, target: TargetField): { transform?: TransformSpec; note?: string } {
  const s = compact(source.label ?? source.name);
  const t = compact(target.name);
  if ((s === 'name' || s === 'fullname') && (t === 'lastname' || t === 'firstname')) {
    return { transform: { type: 'splitName', part: t === 'lastname' ? 'last' : 'first' } };
  }
  if (target.type === 'picklist' && target.picklist?.length) {
    const allowed = new Map(target.picklist.map((v) => [v.toLowerCase(), v]));
    const values = source.picklist ?? [];
    const unmatched = values.filter((v) => !allowed.has(v.toLowerCase()));
    if (values.length > 0 && unmatched.length > 0) {
      const table = Object.fromEntries(values.filter((v) => allowed.has(v.toLowerCase())).map((v) => [v, allowed.get(v.toLowerCase())]));
      return { transform: { type: 'lookup', table, unmapped: 'error' }, note: `add lookup entries for: ${unmatched.join(', ')}` };
    }
    return { transform: 'picklist' };
  }
  if (source.type === target.type && target.type !== 'email' && target.type !== 'phone') return {};
  return { transform: transformFor(target.type) };
}

export function suggestMapping(source: TargetSchema, target: TargetSchema, options: SuggestOptions = {}): SuggestResult {
  const min = options.minConfidence ?? 0.6;
  const pairs: Array<{ s: TargetField; t: TargetField; score: number; reasons: string[] }> = [];
  for (const s of source.fields) {
    const profiled = profileValues(options.samples?.[s.name] ?? []);
    for (const t of target.fields) {
      const { score, reasons } = scorePair(s, profiled, t);
      if (score >= min) pairs.push({ s, t, score, reasons });
    }
  }
  // Greedy one-to-one by confidence: good enough for field lists and explainable to users.
  pairs.sort((a, b) => b.score - a.score || Number(b.t.required ?? false) - Number(a.t.required ?? false));
  const usedS = new Set<string>();
  const usedT = new Set<string>();
  const suggestions: Suggestion[] = [];
  for (const p of pairs) {
    if (usedS.has(p.s.name) || usedT.has(p.t.name)) continue;
    usedS.add(p.s.name);
    usedT.add(p.t.name);
    const { transform, note } = proposeTransform(p.s, p.t);
    const reasons = note ? [...p.reasons, note] : p.reasons;
    suggestions.push({ source: p.s.name, target: p.t.name, confidence: Math.round(p.score * 100) / 100, reasons, ...(transform ? { transform } : {}) });
  }
  const rows: MappingRow[] = suggestions.map((sg) => {
    const t = target.fields.find((f) => f.name === sg.target) as TargetField;
    return { target: sg.target, source: sg.source, ...(sg.transform ? { transform: sg.transform } : {}), ...(t.required ? { required: true } : {}), targetType: t.type };
  });
  return {
    suggestions,
    unmatchedSources: source.fields.filter((f) => !usedS.has(f.name)).map((f) => f.name),
    unmatchedTargets: target.fields
      .filter((f) => !usedT.has(f.name) && !f.readOnly)
      .map((f) => ({ name: f.name, required: f.required === true }))
      .sort((a, b) => Number(b.required) - Number(a.required)),
    mapping: { version: 1, rows },
  };
}

/** A source "schema" from one sample record: its keys, with types guessed from the values. */
export function schemaFromSample(record: Record<string, unknown>): { schema: TargetSchema; samples: Record<string, unknown[]> } {
  const fields: TargetField[] = [];
  const samples: Record<string, unknown[]> = {};
  for (const [key, value] of Object.entries(record)) {
    fields.push({ name: key, label: key, type: profileValues([value]) ?? (typeof value === 'string' ? 'string' : 'any') });
    samples[key] = [value];
  }
  return { schema: { name: 'sample', fields }, samples };
}
