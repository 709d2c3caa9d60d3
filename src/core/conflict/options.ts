/**
 * Resolver options with defaults, validated once (at deploy time in the node) so a bad
 * configuration is reported on the node instead of failing every message.
 */
import { CrmError } from '../errors';
import { DEFAULT_EQUIVALENCE } from './normalize';
import type { FieldRule, ResolveOptions, StrategyName } from './types';

export const STRATEGIES: readonly StrategyName[] = ['lww', 'priority', 'jsonata'];

export type OptionsInput = Partial<Omit<ResolveOptions, 'equivalence'>> & { equivalence?: Partial<ResolveOptions['equivalence']> };

function isStrategy(value: unknown): value is StrategyName {
  return typeof value === 'string' && (STRATEGIES as readonly string[]).includes(value);
}

/** "salesforce, monday" or ["salesforce","monday"] → trimmed, de-duplicated names. */
export function nameList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return [...new Set(items.map((s) => String(s).trim()).filter((s) => s.length > 0))];
}

export function buildOptions(input: OptionsInput = {}): ResolveOptions {
  const strategy = input.strategy ?? 'lww';
  if (!isStrategy(strategy)) {
    throw new CrmError('CONFLICT_STRATEGY_UNKNOWN', `Unknown strategy "${String(strategy)}": pick last write wins, source priority or JSONata.`, {
      params: { strategy: String(strategy) },
    });
  }
  const fieldRules: FieldRule[] = [];
  for (const rule of input.fieldRules ?? []) {
    const field = String(rule?.field ?? '').trim();
    if (!field) continue;
    if (!isStrategy(rule.strategy)) {
      throw new CrmError('CONFLICT_RULE_INVALID', `The rule for field "${field}" has an unknown strategy "${String(rule.strategy)}".`, {
        params: { field, strategy: String(rule.strategy) },
      });
    }
    if (fieldRules.some((r) => r.field === field)) {
      throw new CrmError('CONFLICT_RULE_DUPLICATE', `Field "${field}" has more than one rule: keep one.`, { params: { field } });
    }
    fieldRules.push({ field, strategy: rule.strategy, priority: nameList(rule.priority) });
  }
  const expression = input.expression?.trim() || undefined;
  if (!expression && (strategy === 'jsonata' || fieldRules.some((r) => r.strategy === 'jsonata'))) {
    throw new CrmError('CONFLICT_JSONATA_MISSING', 'The JSONata strategy is selected but no expression is set: open the node and write one.');
  }
  return {
    strategy,
    priority: nameList(input.priority),
    fieldRules,
    expression,
    equivalence: { ...DEFAULT_EQUIVALENCE, ...(input.equivalence ?? {}) },
    ignoreFields: nameList(input.ignoreFields),
    timeField: input.timeField?.trim() || undefined,
  };
}
