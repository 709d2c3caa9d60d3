/** Value translation tables (monday status → Salesforce StageName) and picklist checks. */
import type { TransformFn } from './base';
import { isEmpty, preview, TransformFailure } from './base';

const key = (v: unknown, caseInsensitive: boolean): string => {
  const s = String(v).trim();
  return caseInsensitive ? s.toLowerCase() : s;
};

/** monday status/dropdown column values carry their label in `label`/`text`. */
function labelOf(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as { label?: unknown; text?: unknown };
    return o.label ?? o.text ?? value;
  }
  return value;
}

/**
 * `table: {from: to}`; `unmapped`: "error" (default) → problem, "default" → `default` option,
 * "keep" → pass the value through, "null" → null. Matching trims and ignores case unless
 * `caseSensitive: true`.
 */
export const lookup: TransformFn = (value, step) => {
  if (isEmpty(value)) return value;
  const table = step.table;
  if (!table || typeof table !== 'object' || Array.isArray(table)) throw new TransformFailure('BAD_OPTION', 'lookup: "table" must be an object');
  const ci = step.caseSensitive !== true;
  const raw = labelOf(value);
  const wanted = key(raw, ci);
  for (const [from, to] of Object.entries(table as Record<string, unknown>)) {
    if (key(from, ci) === wanted) return to;
  }
  switch (step.unmapped ?? 'error') {
    case 'default':
      return step.default;
    case 'keep':
      return raw;
    case 'null':
      return null;
    default:
      throw new TransformFailure('UNMAPPED_VALUE', `no lookup entry for ${preview(raw)}`);
  }
};

/**
 * Checks against `values` (or the target field's picklist) and returns the canonical spelling.
 * Arrays (multi-select) are checked value by value; `separator` joins them (Salesforce uses ";").
 */
export const picklist: TransformFn = (value, step, ctx) => {
  if (isEmpty(value)) return value;
  const allowed = Array.isArray(step.values) ? step.values.map(String) : ctx.field?.picklist;
  if (!allowed || allowed.length === 0) throw new TransformFailure('BAD_OPTION', 'picklist: no "values" given and the target field has no picklist');
  const ci = step.caseSensitive !== true;
  const index = new Map(allowed.map((v) => [key(v, ci), v]));
  const check = (v: unknown): string => {
    const hit = index.get(key(labelOf(v), ci));
    if (hit === undefined) throw new TransformFailure('PICKLIST_INVALID', `${preview(labelOf(v))} is not one of: ${allowed.slice(0, 10).join(', ')}${allowed.length > 10 ? ', …' : ''}`);
    return hit;
  };
  if (Array.isArray(value)) {
    const out = value.map(check);
    return typeof step.separator === 'string' ? out.join(step.separator) : out;
  }
  return check(value);
};
