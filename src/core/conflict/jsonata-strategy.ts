/**
 * Custom strategy: a JSONata expression (Node-RED's own engine) decides each conflict. It receives
 *   {field, values: {system: value}, base, modified: {system: ISO time | null}, changed: [systems],
 *    entity}
 * where `values` holds every system that reports the field and `changed` those that changed it since
 * the snapshot. It returns either
 * - the name of one of the systems in `values` → that system's value wins;
 * - {"value": v} → v is the resolved value (winner "expression");
 * - any other value → used as the resolved value (winner "expression").
 * Returning nothing (undefined) falls back to source priority, noted in the report's reason.
 * Each evaluation is bounded (JSONata's own guardrails) so a runaway expression fails one record
 * instead of blocking the flow.
 */
import jsonata from 'jsonata';
import { CrmError } from '../errors';
import { isPlainObject } from './limits';
import { byPriority } from './strategies';
import type { Candidate, Decision } from './strategies';

export interface JsonataContext {
  field: string;
  entity: string | null;
  base: unknown;
  /** Every system reporting the field (the expression may also pick an unchanged side). */
  participants: Candidate[];
  changed: string[];
}

export type CompiledExpression = ReturnType<typeof jsonata>;

export const EXPRESSION_LIMITS = { timeoutMs: 1000, stackDepth: 500 } as const;

export function compileExpression(expression: string): CompiledExpression {
  try {
    return jsonata(expression, { timeout: EXPRESSION_LIMITS.timeoutMs, stack: EXPRESSION_LIMITS.stackDepth });
  } catch (err) {
    const e = err as { message?: string; position?: number };
    throw new CrmError('CONFLICT_JSONATA_INVALID', `The JSONata expression does not compile: ${e.message ?? String(err)} (position ${e.position ?? '?'})`, {
      params: { reason: e.message ?? String(err), position: e.position ?? '?' },
    });
  }
}

function isoOrNull(time: number | undefined): string | null {
  return time === undefined ? null : new Date(time).toISOString();
}

export async function byExpression(expr: CompiledExpression, ctx: JsonataContext, priority: readonly string[]): Promise<Decision> {
  const values: Record<string, unknown> = {};
  const modified: Record<string, string | null> = {};
  for (const c of ctx.participants) {
    values[c.system] = c.value;
    modified[c.system] = isoOrNull(c.time);
  }
  let result: unknown;
  try {
    result = await expr.evaluate({ field: ctx.field, entity: ctx.entity, values, base: ctx.base, modified, changed: ctx.changed });
  } catch (err) {
    const reason = (err as { message?: string }).message ?? String(err);
    throw new CrmError('CONFLICT_JSONATA_FAILED', `The JSONata expression failed on field "${ctx.field}": ${reason}`, {
      params: { field: ctx.field, reason },
    });
  }
  if (result === undefined) {
    const candidates = ctx.participants.filter((c) => ctx.changed.includes(c.system));
    const d = byPriority(candidates, priority);
    return { ...d, reason: `expression returned nothing, ${d.reason}` };
  }
  if (typeof result === 'string' && Object.prototype.hasOwnProperty.call(values, result)) {
    return { winner: result, value: values[result], rule: 'jsonata', reason: 'chosen by the expression' };
  }
  const value = isPlainObject(result) && Object.keys(result).length === 1 && 'value' in result ? result.value : result;
  return { winner: 'expression', value: toPlain(value), rule: 'jsonata-value', reason: 'value computed by the expression' };
}

/** JSONata sequences are arrays with extra flags; hand back plain JSON. */
function toPlain(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}
