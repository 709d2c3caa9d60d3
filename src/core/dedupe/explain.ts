/** Human-readable account of a pair's score: which fields agreed, partly agreed or disagreed, and by how much. */
import type { DedupeOptions } from './engine';
import type { FieldOutcome, PairScore } from './types';

export interface Explanation {
  score: number;
  matchThreshold: number;
  reviewThreshold: number;
  agreed: FieldOutcome[];
  partial: FieldOutcome[];
  disagreed: FieldOutcome[];
  /** Fields missing on either side: neutral, weight 0. */
  missing: string[];
  /** One line, e.g. "email agree +13.05, lastName partial +2.00, dob disagree -4.64 = 10.41". */
  summary: string;
}

function signed(n: number): string {
  return `${n >= 0 ? '+' : ''}${n.toFixed(2)}`;
}

export function explain(result: PairScore, options: Pick<DedupeOptions, 'matchThreshold' | 'reviewThreshold'>): Explanation {
  const present = result.fields.filter((f) => f.level !== 'missing').sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return {
    score: result.score,
    matchThreshold: options.matchThreshold,
    reviewThreshold: options.reviewThreshold,
    agreed: present.filter((f) => f.level === 'agree'),
    partial: present.filter((f) => f.level === 'partial'),
    disagreed: present.filter((f) => f.level === 'disagree'),
    missing: result.fields.filter((f) => f.level === 'missing').map((f) => f.field),
    summary: `${present.map((f) => `${f.field} ${f.level} ${signed(f.weight)}`).join(', ')} = ${result.score.toFixed(2)}`,
  };
}
