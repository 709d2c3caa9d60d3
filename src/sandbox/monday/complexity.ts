import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';

/** What a write mutation costs; monday's docs put create_item at about 10,000 points. */
export const MUTATION_COST = 10_000;
const DEFAULT_LIST = 25;
const LIST_ARGS_FIELDS = new Set(['boards', 'items', 'items_page', 'next_items_page', 'users', 'updates', 'webhooks', 'workspaces', 'tags', 'teams']);

function argValue(node: ValueNode | undefined, vars: Record<string, unknown>): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case Kind.VARIABLE:
      return vars[node.name.value];
    case Kind.INT:
      return Number(node.value);
    case Kind.LIST:
      return node.values.map((v) => argValue(v, vars));
    default:
      return undefined;
  }
}

/** How many results a list field multiplies its children by: `limit`, else the ids asked for, else 25. */
function multiplier(field: FieldNode, vars: Record<string, unknown>): number {
  if (!LIST_ARGS_FIELDS.has(field.name.value)) return 1;
  const arg = (name: string) => argValue(field.arguments?.find((a) => a.name.value === name)?.value, vars);
  const limit = arg('limit');
  if (typeof limit === 'number' && limit > 0) return limit;
  const ids = arg('ids');
  if (Array.isArray(ids)) return Math.max(1, ids.length);
  if (ids !== undefined && ids !== null) return 1;
  return DEFAULT_LIST;
}

/**
 * A static estimate in monday's spirit, computed before execution: each field costs one point per
 * result it can appear in, lists multiply their children, and each mutation adds MUTATION_COST.
 * [UNVERIFIED] monday's exact per-field weights are not published; the order of magnitude matches.
 */
export function queryCost(doc: DocumentNode, op: OperationDefinitionNode, vars: Record<string, unknown>): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const walk = (set: SelectionSetNode | undefined, factor: number, depth: number, seen: Set<string>): number => {
    if (!set) return 0;
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        const m = multiplier(sel, vars);
        total += factor + walk(sel.selectionSet, factor * m, depth + 1, seen);
        if (depth === 0 && op.operation === 'mutation' && sel.name.value !== 'complexity') total += MUTATION_COST;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        total += walk(sel.selectionSet, factor, depth, seen);
      } else {
        const frag = fragments.get(sel.name.value);
        if (frag && !seen.has(frag.name.value)) total += walk(frag.selectionSet, factor, depth, new Set([...seen, frag.name.value]));
      }
    }
    return total;
  };
  return walk(op.selectionSet, 1, 0, new Set());
}

/** A sliding-window points budget per token, as monday keeps one per minute. */
export class ComplexityBudget {
  private readonly spent = new Map<string, Array<{ at: number; cost: number }>>();

  constructor(
    readonly budget: number,
    readonly windowMs: number,
  ) {}

  private live(token: string, now: number) {
    const list = (this.spent.get(token) ?? []).filter((e) => e.at > now - this.windowMs);
    this.spent.set(token, list);
    return list;
  }

  remaining(token: string, now: number): number {
    return this.budget - this.live(token, now).reduce((s, e) => s + e.cost, 0);
  }

  /** Seconds until the oldest spend leaves the window (the whole window when nothing is spent). */
  resetIn(token: string, now: number): number {
    const list = this.live(token, now);
    return Math.ceil((list.length ? list[0].at + this.windowMs - now : this.windowMs) / 1000);
  }

  /** Seconds to wait until `cost` fits, or 0 when it fits now. */
  retryIn(token: string, cost: number, now: number): number {
    const list = this.live(token, now);
    let over = list.reduce((s, e) => s + e.cost, 0) + cost - this.budget;
    if (over <= 0) return 0;
    for (const e of list) {
      over -= e.cost;
      if (over <= 0) return Math.max(1, Math.ceil((e.at + this.windowMs - now) / 1000));
    }
    return Math.ceil(this.windowMs / 1000);
  }

  charge(token: string, cost: number, now: number): void {
    this.live(token, now).push({ at: now, cost });
  }
}
