/** Node configuration → core resolver options (validated by the core). */
import { buildOptions, compileExpression } from '../../core/conflict';
import type { ResolveOptions, StrategyName } from '../../core/conflict';
import type { CompiledExpression } from '../../core/conflict/jsonata-strategy';
import type { ConflictResolverDef } from './types';

export interface Settings {
  options: ResolveOptions;
  expr?: CompiledExpression;
  keyProperty: string;
  echoOutput: boolean;
}

export function settingsFrom(config: ConflictResolverDef): Settings {
  const mode = config.strategy ?? 'lww';
  const byRules = mode === 'fields';
  const options = buildOptions({
    strategy: (byRules ? (config.fallback ?? 'lww') : mode) as StrategyName,
    priority: config.priority ?? [],
    fieldRules: byRules
      ? (config.rules ?? []).map((r) => ({ field: r.field, strategy: r.strategy as StrategyName, priority: (r.priority ?? '').split(',') }))
      : [],
    expression: config.expression,
    equivalence: {
      emptyEqualsNull: config.emptyEqualsNull ?? true,
      numericStrings: config.numericStrings ?? true,
      datesAsInstants: config.datesAsInstants ?? true,
      arraysUnordered: config.arraysUnordered ?? false,
      trimStrings: config.trimStrings ?? false,
    },
    ignoreFields: (config.ignoreFields ?? '').split(','),
    timeField: config.timeField,
  });
  const usesExpression = options.strategy === 'jsonata' || options.fieldRules.some((r) => r.strategy === 'jsonata');
  return {
    options,
    expr: usesExpression && options.expression ? compileExpression(options.expression) : undefined,
    keyProperty: (config.keyProperty ?? '').trim() || 'crm.key',
    echoOutput: config.echoOutput !== false,
  };
}
