import { mondayError } from './errors';
import type { BoardRec, ItemRec } from './model';

interface Rule {
  column_id: string;
  compare_value: unknown;
  operator?: string;
}

interface Group {
  rules?: Rule[];
  groups?: Group[];
  operator?: 'and' | 'or';
}

interface ItemsQuery extends Group {
  ids?: string[];
  order_by?: Array<{ column_id: string; direction?: 'asc' | 'desc' }>;
}

/** The strings a rule compares against: display text, plus status index and raw ids where they apply. */
function candidates(item: ItemRec, columnId: string): string[] {
  if (columnId === 'name') return [item.name];
  const cell = item.values.get(columnId);
  if (!cell) return [];
  const out = [cell.text];
  const v = cell.value as Record<string, unknown> | string;
  if (v && typeof v === 'object') {
    if (typeof v.index === 'number') out.push(String(v.index));
    if (Array.isArray(v.ids)) out.push(...v.ids.map(String));
    if (typeof v.email === 'string') out.push(v.email);
    if (typeof v.date === 'string') out.push(v.date);
  } else out.push(String(v));
  return out;
}

function matchRule(item: ItemRec, rule: Rule): boolean {
  const values = Array.isArray(rule.compare_value) ? rule.compare_value.map(String) : [String(rule.compare_value)];
  const have = candidates(item, rule.column_id);
  const empty = have.length === 0 || have.every((h) => h === '');
  const num = (s: string) => Number(s);
  switch (rule.operator ?? 'any_of') {
    case 'any_of':
      return have.some((h) => values.includes(h)) || (values.includes('') && empty);
    case 'not_any_of':
      return !have.some((h) => values.includes(h));
    case 'is_empty':
      return empty;
    case 'is_not_empty':
      return !empty;
    case 'contains_text':
    case 'contains_terms':
      return have.some((h) => values.some((v) => h.toLowerCase().includes(v.toLowerCase())));
    case 'not_contains_text':
      return !have.some((h) => values.some((v) => h.toLowerCase().includes(v.toLowerCase())));
    case 'starts_with':
      return have.some((h) => values.some((v) => h.toLowerCase().startsWith(v.toLowerCase())));
    case 'ends_with':
      return have.some((h) => values.some((v) => h.toLowerCase().endsWith(v.toLowerCase())));
    case 'greater_than':
      return !empty && num(have[0]) > num(values[0]);
    case 'greater_than_or_equals':
      return !empty && num(have[0]) >= num(values[0]);
    case 'lower_than':
      return !empty && num(have[0]) < num(values[0]);
    case 'lower_than_or_equal':
      return !empty && num(have[0]) <= num(values[0]);
    case 'between':
      return !empty && num(have[0]) >= num(values[0]) && num(have[0]) <= num(values[1]);
    default:
      // within_the_next / within_the_last need monday's relative-date semantics; the twin does not guess.
      throw mondayError('InvalidArgumentException', `The operator ${rule.operator} is not supported by the twin`, { operator: rule.operator });
  }
}

function matchGroup(item: ItemRec, g: Group): boolean {
  const results = [...(g.rules ?? []).map((r) => matchRule(item, r)), ...(g.groups ?? []).map((sub) => matchGroup(item, sub))];
  if (results.length === 0) return true;
  return g.operator === 'or' ? results.some(Boolean) : results.every(Boolean);
}

/** Applies items_page's query_params: ids, rules and nested groups, order_by (stable sort). */
export function queryItems(board: BoardRec, items: ItemRec[], params: unknown): ItemRec[] {
  if (!params) return items;
  const q = params as ItemsQuery;
  for (const r of q.rules ?? []) {
    if (r.column_id !== 'name' && !board.columns.some((c) => c.id === r.column_id)) {
      throw mondayError('InvalidColumnIdException', "This column ID doesn't exist for the board", { column_id: r.column_id });
    }
  }
  let out = items.filter((it) => (!q.ids || q.ids.map(String).includes(it.id)) && matchGroup(it, q));
  for (const order of [...(q.order_by ?? [])].reverse()) {
    const dir = order.direction === 'desc' ? -1 : 1;
    const key = (it: ItemRec) => (order.column_id === 'name' ? it.name : (it.values.get(order.column_id)?.text ?? ''));
    out = [...out].sort((a, b) => dir * key(a).localeCompare(key(b), 'en', { numeric: true }));
  }
  return out;
}
