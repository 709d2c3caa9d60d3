/**
 * Applies a mapping to records. Per-record failures (bad values, failing transforms, schema
 * violations) are collected as problems; only a broken mapping document throws.
 */
import { CrmError } from '../errors';
import type { Evaluator } from './expressions';
import { compileExpression } from './expressions';
import { parseMapping } from './mapping-document';
import { getPath, setPath, targetPathProblem } from './paths';
import type { ValidateOptions } from './schema/validate-record';
import { validateRecord } from './schema/validate-record';
import { isEmpty, preview, TransformFailure } from './transforms/base';
import { runChain } from './transforms/registry';
import type { Mapping, MappingRow, Problem, TargetField, TargetSchema } from './types';

interface CompiledRow {
  row: MappingRow;
  evaluate?: Evaluator;
}

export interface CompiledMapping {
  mapping: Mapping;
  rows: CompiledRow[];
}

export interface RecordResult {
  output: Record<string, unknown>;
  problems: Problem[];
  valid: boolean;
}

export interface BatchResult {
  valid: Array<{ index: number; output: Record<string, unknown> }>;
  invalid: Array<{ index: number; record: unknown; output: Record<string, unknown>; problems: Problem[] }>;
}

export interface MapOptions {
  schema?: TargetSchema;
  validate?: ValidateOptions;
}

/** Validates the document (ajv) and compiles JSONata once, so mapping each record is cheap. */
export function compileMapping(input: unknown): CompiledMapping {
  const mapping = parseMapping(input);
  const badTargets = mapping.rows.flatMap((row, i) => {
    const why = targetPathProblem(row.target);
    return why ? [`/rows/${i}/target ${why}`] : [];
  });
  if (badTargets.length > 0) {
    const list = badTargets.join('; ');
    throw new CrmError('MAPPING_INVALID', `The mapping is invalid: ${list}`, { params: { problems: list } });
  }
  const rows = mapping.rows.map((row, i): CompiledRow => ({
    row,
    evaluate: row.expression !== undefined ? compileExpression(row.expression, `/rows/${i}/expression`) : undefined,
  }));
  return { mapping, rows };
}

const indexes = new WeakMap<TargetSchema, Map<string, TargetField>>();

function fieldIndex(schema: TargetSchema): Map<string, TargetField> {
  let index = indexes.get(schema);
  if (!index) {
    index = new Map(schema.fields.map((f) => [f.name, f]));
    indexes.set(schema, index);
  }
  return index;
}

function allEmpty(value: unknown): boolean {
  return Array.isArray(value) ? value.every(isEmpty) : isEmpty(value);
}

async function rawValue(c: CompiledRow, record: Record<string, unknown>): Promise<unknown> {
  const { row } = c;
  if (row.source !== undefined) return getPath(record, row.source);
  if (row.sources !== undefined) return row.sources.map((s) => getPath(record, s));
  if (c.evaluate) return c.evaluate(record);
  return row.constant;
}

async function mapRow(c: CompiledRow, record: Record<string, unknown>, mapping: Mapping, schema: TargetSchema | undefined, out: Record<string, unknown>): Promise<Problem[]> {
  const { row } = c;
  const field = schema ? fieldIndex(schema).get(row.target) : undefined;
  let value: unknown;
  try {
    value = await rawValue(c, record);
  } catch (err) {
    const message = (err as { message?: string }).message ?? String(err);
    return [{ field: row.target, code: 'EXPRESSION_FAILED', message: `expression failed: ${message}` }];
  }
  if (allEmpty(value)) {
    value = row.default !== undefined ? row.default : row.constant === null ? null : undefined;
  } else {
    try {
      value = runChain(value, row.transform, { options: mapping.options ?? {}, field });
    } catch (err) {
      if (!(err instanceof TransformFailure)) throw err;
      return [{ field: row.target, code: err.code, message: err.message }];
    }
    if (allEmpty(value) && value !== null && row.default !== undefined) value = row.default;
  }
  if (value === undefined || (row.required && allEmpty(value))) {
    return row.required ? [{ field: row.target, code: 'REQUIRED_MISSING', message: `${field?.label ?? row.target} is required but the source has no value` }] : [];
  }
  setPath(out, row.target, value);
  return [];
}

/** Maps one record; never throws for bad data, only returns problems. */
export async function mapRecord(compiled: CompiledMapping, record: unknown, options: MapOptions = {}): Promise<RecordResult> {
  if (!record || typeof record !== 'object' || Array.isArray(record)) {
    const problem = { field: '', code: 'NOT_AN_OBJECT', message: `a record must be an object, got ${Array.isArray(record) ? 'a list' : preview(record)}` };
    return { output: {}, problems: [problem], valid: false };
  }
  const output: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const c of compiled.rows) {
    problems.push(...(await mapRow(c, record as Record<string, unknown>, compiled.mapping, options.schema, output)));
  }
  if (options.schema) {
    // A field that already failed mapping is not reported twice (e.g. REQUIRED_MISSING from both sides).
    const seen = new Set(problems.map((p) => p.field));
    problems.push(...validateRecord(output, options.schema, options.validate).filter((p) => !seen.has(p.field)));
  }
  return { output, problems, valid: problems.length === 0 };
}

export async function mapRecords(compiled: CompiledMapping, records: unknown[], options: MapOptions = {}): Promise<BatchResult> {
  const result: BatchResult = { valid: [], invalid: [] };
  for (const [index, record] of records.entries()) {
    const r = await mapRecord(compiled, record, options);
    if (r.valid) result.valid.push({ index, output: r.output });
    else result.invalid.push({ index, record, output: r.output, problems: r.problems });
  }
  return result;
}
