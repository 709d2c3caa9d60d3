/** Converts between a mapping row and the text cells of the editor table (pure, no DOM). */

export type SourceKind = 'source' | 'sources' | 'constant' | 'expression';

export interface RowCells {
  kind: SourceKind;
  value: string;
  target: string;
  transform: string;
  default: string;
  required: boolean;
  /** Row keys the table does not show (targetType, comment) are carried through untouched. */
  extra: Record<string, unknown>;
}

type Row = Record<string, unknown>;

function jsonOrText(text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return text;
  }
}

function showValue(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** "trim" | "trim, lower" | JSON (object or array) ↔ the row's transform. */
export function parseTransform(text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (t.startsWith('{') || t.startsWith('[')) return JSON.parse(t);
  const names = t.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return names.length === 1 ? names[0] : names;
}

export function showTransform(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v.join(', ');
  return JSON.stringify(v);
}

export function rowToCells(row: Row): RowCells {
  const { target, source, sources, constant, expression, transform, required, ...rest } = row;
  const extra = { ...rest };
  delete extra.default;
  let kind: SourceKind = 'source';
  let value = typeof source === 'string' ? source : '';
  if (Array.isArray(sources)) [kind, value] = ['sources', sources.join(', ')];
  else if ('constant' in row) [kind, value] = ['constant', showValue(constant)];
  else if (typeof expression === 'string') [kind, value] = ['expression', expression];
  return { kind, value, target: String(target ?? ''), transform: showTransform(transform), default: showValue(row.default), required: required === true, extra };
}

/** Throws on a transform cell that is neither names nor valid JSON (the editor reports the row). */
export function cellsToRow(c: RowCells): Row {
  const row: Row = { target: c.target.trim() };
  if (c.kind === 'sources') row.sources = c.value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  else if (c.kind === 'constant') {
    // JSON when it parses ("null" clears a field, 42 is a number), else the text itself.
    const constant = jsonOrText(c.value);
    row.constant = constant === undefined ? '' : constant;
  }
  else if (c.kind === 'expression') row.expression = c.value;
  else row.source = c.value.trim();
  const transform = parseTransform(c.transform);
  if (transform !== undefined) row.transform = transform;
  const def = jsonOrText(c.default);
  if (def !== undefined) row.default = def;
  if (c.required) row.required = true;
  return { ...row, ...c.extra };
}
