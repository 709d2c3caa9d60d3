/**
 * Picks the strategy for one conflicting field (per-field rule, else the default) and applies it.
 */
import { CrmError } from '../errors';
import { byExpression } from './jsonata-strategy';
import type { CompiledExpression } from './jsonata-strategy';
import { byPriority, lastWriteWins } from './strategies';
import type { Candidate, Decision } from './strategies';
import type { ResolveOptions, StrategyName } from './types';

export interface FieldConflict {
  field: string;
  entity: string | null;
  base: unknown;
  participants: Candidate[];
  /** The systems whose values compete (changed since the snapshot, or all in a two-way compare). */
  candidates: Candidate[];
}

export interface RuledDecision extends Decision {
  fieldRule: boolean;
}

export async function decide(conflict: FieldConflict, options: ResolveOptions, expr: CompiledExpression | undefined): Promise<RuledDecision> {
  const rule = options.fieldRules.find((r) => r.field === conflict.field);
  const strategy: StrategyName = rule?.strategy ?? options.strategy;
  const priority = rule?.priority && rule.priority.length > 0 ? rule.priority : options.priority;
  const fieldRule = rule !== undefined;
  switch (strategy) {
    case 'lww':
      return { ...lastWriteWins(conflict.candidates, priority), fieldRule };
    case 'priority':
      return { ...byPriority(conflict.candidates, priority), fieldRule };
    case 'jsonata': {
      if (!expr) throw new CrmError('CONFLICT_JSONATA_MISSING', 'The JSONata strategy is selected but no expression is set: open the node and write one.');
      const changed = conflict.candidates.map((c) => c.system);
      return { ...(await byExpression(expr, { ...conflict, changed }, priority)), fieldRule };
    }
    default:
      throw new CrmError('CONFLICT_STRATEGY_UNKNOWN', `Unknown strategy "${String(strategy)}": pick last write wins, source priority or JSONata.`, {
        params: { strategy: String(strategy) },
      });
  }
}
