/** Checks one mapped record against the target schema: types, required, length, picklists, writability. */
import type { FieldType, Problem, TargetField, TargetSchema } from '../types';

export interface ValidateOptions {
  /** Fields in the record that the target does not have: "error" (default) or "ignore". */
  unknownFields?: 'error' | 'ignore';
  /** Check required fields (true for inserts; an update may send a subset). */
  checkRequired?: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Check = (v: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);

const CHECKS: Record<FieldType, Check> = {
  string: isString,
  text: isString,
  email: (v) => isString(v) && EMAIL.test(v as string),
  phone: isString,
  url: isString,
  picklist: isString,
  multipicklist: (v) => isString(v) || (Array.isArray(v) && v.every(isString)),
  id: isString,
  reference: (v) => isString(v) || isNumber(v),
  people: (v) => isString(v) || isNumber(v) || Array.isArray(v) || (typeof v === 'object' && v !== null),
  number: isNumber,
  currency: isNumber,
  percent: isNumber,
  integer: (v) => isNumber(v) && Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  date: (v) => isString(v) && DATE.test(v as string) && !Number.isNaN(Date.parse(v as string)),
  datetime: (v) => isString(v) && DATETIME.test(v as string) && !Number.isNaN(Date.parse(v as string)),
  time: (v) => isString(v) && TIME.test(v as string),
  json: () => true,
  any: () => true,
};

const EXPECTED: Partial<Record<FieldType, string>> = {
  email: 'an email address',
  date: 'a date (YYYY-MM-DD)',
  datetime: 'an ISO 8601 date-time with offset',
  time: 'a time (HH:MM:SS)',
  integer: 'a whole number',
  multipicklist: 'text or a list of texts',
};

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return v.length > 30 ? `"${v.slice(0, 29)}…"` : `"${v}"`;
  return typeof v === 'object' ? 'an object' : String(v);
}

function checkField(field: TargetField, value: unknown): Problem[] {
  const problems: Problem[] = [];
  const p = (code: string, message: string): void => void problems.push({ field: field.name, code, message });
  if (field.readOnly) p('READ_ONLY', `${field.label ?? field.name} cannot be written`);
  if (!CHECKS[field.type](value)) {
    p('TYPE_MISMATCH', `${field.label ?? field.name} must be ${EXPECTED[field.type] ?? `a ${field.type}`}, got ${describeValue(value)}`);
    return problems;
  }
  if (field.length && typeof value === 'string') {
    const n = Array.from(value).length;
    if (n > field.length) p('TOO_LONG', `${field.label ?? field.name} is ${n} characters, the limit is ${field.length}`);
  }
  if (field.picklist && field.restricted !== false && (field.type === 'picklist' || field.type === 'multipicklist')) {
    const values = Array.isArray(value) ? value : field.type === 'multipicklist' ? String(value).split(';') : [value];
    const allowed = new Set(field.picklist);
    const bad = values.filter((v) => !allowed.has(String(v)));
    if (bad.length > 0) p('PICKLIST_INVALID', `${field.label ?? field.name}: ${bad.map(describeValue).join(', ')} is not an allowed value`);
  }
  return problems;
}

const isBlank = (v: unknown): boolean => v === undefined || v === null || v === '';

export function validateRecord(record: Record<string, unknown>, schema: TargetSchema, options: ValidateOptions = {}): Problem[] {
  const byName = new Map(schema.fields.map((f) => [f.name, f]));
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(record)) {
    const field = byName.get(name);
    if (!field) {
      if (options.unknownFields !== 'ignore') problems.push({ field: name, code: 'UNKNOWN_FIELD', message: `${name} is not a field of ${schema.name ?? 'the target'}` });
      continue;
    }
    if (isBlank(value)) continue;
    problems.push(...checkField(field, value));
  }
  if (options.checkRequired !== false) {
    for (const field of schema.fields) {
      if (field.required && !field.readOnly && isBlank(record[field.name])) {
        problems.push({ field: field.name, code: 'REQUIRED_MISSING', message: `${field.label ?? field.name} is required` });
      }
    }
  }
  return problems;
}
