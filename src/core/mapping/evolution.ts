/**
 * Schema evolution: a target field was deleted or changed type after the mapping was written.
 * Instead of failing every record, the caller gets warnings and the rows that still work.
 */
import { typeCompatibility } from './schema/compat';
import type { FieldType, Mapping, MappingRow, TargetSchema } from './types';

export interface SchemaWarning {
  row: number;
  target: string;
  code: 'FIELD_REMOVED' | 'TYPE_CHANGED' | 'READ_ONLY';
  message: string;
}

export interface EvolutionResult {
  warnings: SchemaWarning[];
  /** The mapping with only the rows that still fit the schema. */
  mapping: Mapping;
  droppedRows: number[];
}

/** Top-level field a row writes (nested targets "a.b" are checked by their root). */
const rootOf = (target: string): string => target.split(/[.[]/)[0];

/**
 * Checks `mapping` against a freshly fetched `schema`. Type changes are detected from each row's
 * `targetType` or, when given, the schema the mapping was written against (`previous`).
 */
export function checkMappingAgainstSchema(mapping: Mapping, schema: TargetSchema, previous?: TargetSchema): EvolutionResult {
  const fields = new Map(schema.fields.map((f) => [f.name, f]));
  const before = new Map((previous?.fields ?? []).map((f) => [f.name, f]));
  const warnings: SchemaWarning[] = [];
  const keep: MappingRow[] = [];
  const droppedRows: number[] = [];
  mapping.rows.forEach((row, i) => {
    const name = rootOf(row.target);
    const field = fields.get(name);
    const warn = (code: SchemaWarning['code'], message: string): void => void warnings.push({ row: i, target: row.target, code, message });
    if (!field) {
      warn('FIELD_REMOVED', `${row.target} no longer exists in ${schema.name ?? 'the target'}; the row is skipped`);
      droppedRows.push(i);
      return;
    }
    const was = (row.targetType as FieldType | undefined) ?? before.get(name)?.type;
    if (was && was !== field.type && typeCompatibility(was, field.type) < 0.9) {
      warn('TYPE_CHANGED', `${row.target} changed from ${was} to ${field.type}; the row is skipped until the mapping is updated`);
      droppedRows.push(i);
      return;
    }
    if (field.readOnly && !field.key) {
      warn('READ_ONLY', `${row.target} is read-only now; the row is skipped`);
      droppedRows.push(i);
      return;
    }
    keep.push(row);
  });
  return { warnings, mapping: { ...mapping, rows: keep }, droppedRows };
}
