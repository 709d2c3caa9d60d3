/**
 * Fellegi-Sunter scoring: each field contributes log2(P(level | match) / P(level | non-match)).
 * Agreement on a rare value is strong evidence, disagreement is counter-evidence, a missing value
 * says nothing (weight 0). The total is in bits; thresholds are compared against it.
 */
import { compareValues } from './compare';
import type { AgreementLevel, FieldOutcome, FieldSpec, PairScore, Profile } from './types';

export interface FieldWeights {
  agree: number;
  partial: number;
  disagree: number;
}

const EPS = 1e-6;

function bits(p: number, q: number): number {
  return Math.log2(Math.max(p, EPS) / Math.max(q, EPS));
}

/** The three log-likelihood weights of a field from its m/u probabilities. */
export function fieldWeights(spec: FieldSpec): FieldWeights {
  const pm = spec.pm ?? 0;
  const pu = spec.pu ?? 0;
  return {
    agree: bits(spec.m, spec.u),
    partial: pm > 0 ? bits(pm, pu) : bits(1 - spec.m - pm, 1 - spec.u - pu),
    disagree: bits(1 - spec.m - pm, 1 - spec.u - pu),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A scorer bound to a profile, with weights computed once. */
export class Scorer {
  private readonly weights: Map<string, FieldWeights>;

  constructor(private readonly profile: Profile) {
    this.weights = new Map(profile.fields.map((f) => [f.field, fieldWeights(f)]));
  }

  weightOf(field: string, level: AgreementLevel): number {
    if (level === 'missing') return 0;
    return this.weights.get(field)?.[level] ?? 0;
  }

  /** The total only, without building an explanation: the hot path for every candidate pair. */
  total(a: Record<string, string>, b: Record<string, string>): number {
    for (const [x, y] of this.profile.swaps ?? []) {
      // rare: crossed names need the full comparison to be scored correctly
      if (a[x] && a[y] && a[x] !== b[x] && a[x] === b[y] && a[y] === b[x]) return this.score(a, b).score;
    }
    let sum = 0;
    for (const spec of this.profile.fields) {
      const x = a[spec.field];
      const y = b[spec.field];
      if (!x || !y) continue;
      sum += this.weightOf(spec.field, compareValues(spec.kind, x, y, spec.partialAt).level);
    }
    return Math.round(sum * 100) / 100;
  }

  /** Score of two normalized value maps, with one outcome per profile field (the explanation). */
  score(a: Record<string, string>, b: Record<string, string>): PairScore {
    const outcomes = new Map<string, FieldOutcome>();
    for (const spec of this.profile.fields) {
      const c = compareValues(spec.kind, a[spec.field] ?? '', b[spec.field] ?? '', spec.partialAt);
      outcomes.set(spec.field, { field: spec.field, level: c.level, weight: round(this.weightOf(spec.field, c.level)), similarity: c.similarity });
    }
    for (const [x, y] of this.profile.swaps ?? []) this.applySwap(outcomes, a, b, x, y);
    const fields = [...outcomes.values()];
    return { score: round(fields.reduce((s, f) => s + f.weight, 0)), fields };
  }

  /** First/last name typed into each other's box: if the crossed values agree, count both as agreeing. */
  private applySwap(outcomes: Map<string, FieldOutcome>, a: Record<string, string>, b: Record<string, string>, x: string, y: string): void {
    const ox = outcomes.get(x);
    const oy = outcomes.get(y);
    if (!ox || !oy || ox.level === 'agree' || oy.level === 'agree') return;
    if (!a[x] || !a[y] || a[x] !== b[y] || a[y] !== b[x]) return;
    for (const o of [ox, oy]) {
      o.level = 'agree';
      o.similarity = 1;
      o.weight = round(this.weightOf(o.field, 'agree'));
    }
  }
}
