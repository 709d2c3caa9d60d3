/**
 * Reading, checking and writing mapping documents. Everything that enters (node config, a file,
 * msg.mapping) goes through parseMapping so a bad mapping is one clear error, never a crash later.
 */
import Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { CrmError } from '../errors';
import { fromJsonText } from './json-input';
import schema from './mapping.schema.json';
import type { Mapping } from './types';

export const MAPPING_SCHEMA = schema;
export const MAPPING_VERSION = 1;

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile<Mapping>(schema);

const ROW_KINDS = 'exactly one of "source", "sources", "constant" or "expression"';

/** Keeps the most specific error per location, so users see "/rows/2/transform …", not a oneOf dump. */
export function describeAjvErrors(errors: ErrorObject[] | null | undefined): string[] {
  const all = errors ?? [];
  const paths = new Set(all.map((e) => e.instancePath));
  // A transform is a name, an object or a list: for a wrong name, "must be object/array" is noise.
  const enumAt = new Set(all.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
  const out: string[] = [];
  for (const e of all) {
    if (e.keyword === 'type' && enumAt.has(e.instancePath)) continue;
    const deeper = [...paths].some((p) => p !== e.instancePath && p.startsWith(`${e.instancePath}/`));
    if (e.keyword === 'oneOf' && /^\/rows\/\d+$/.test(e.instancePath)) {
      out.push(`${e.instancePath}: needs ${ROW_KINDS}`);
      continue;
    }
    if (deeper || e.keyword === 'anyOf' || e.keyword === 'if' || (e.keyword === 'required' && /^\/rows\/\d+$/.test(e.instancePath) && ['source', 'sources', 'constant', 'expression'].includes(String(e.params.missingProperty)))) continue;
    const where = e.instancePath || '/';
    const extra =
      e.keyword === 'enum' ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : e.keyword === 'additionalProperties' ? ` ("${String(e.params.additionalProperty)}")` : '';
    out.push(`${where}: ${e.message ?? 'is invalid'}${extra}`);
  }
  return [...new Set(out)];
}

/** Accepts a mapping object or its JSON text; throws CrmError MAPPING_INVALID naming every problem's path. */
export function parseMapping(input: unknown): Mapping {
  const doc = fromJsonText(input, 'MAPPING_INVALID', 'mapping', 'problems');
  if (!validate(doc)) {
    const problems = describeAjvErrors(validate.errors);
    const list = problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '');
    throw new CrmError('MAPPING_INVALID', `The mapping is invalid: ${list}`, { params: { problems: list }, details: { errors: problems } });
  }
  return doc;
}

/** Canonical file form: stable key order per row, two-space JSON, trailing newline. */
export function exportMapping(mapping: Mapping): string {
  const order = ['target', 'source', 'sources', 'constant', 'expression', 'transform', 'default', 'required', 'targetType', 'comment'];
  const rows = mapping.rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const k of order) if ((row as unknown as Record<string, unknown>)[k] !== undefined) out[k] = (row as unknown as Record<string, unknown>)[k];
    return out;
  });
  return `${JSON.stringify({ ...mapping, version: MAPPING_VERSION, rows }, null, 2)}\n`;
}

export function importMapping(text: string): Mapping {
  return parseMapping(text);
}
