/** What every transform shares: its signature, its failure type and value coercion. */
import type { MappingOptions, TargetField } from '../types';

export interface TransformContext {
  options: MappingOptions;
  /** The target field, when a target schema is known (truncate/picklist read it). */
  field?: TargetField;
}

/** Options of one chain step, without its `type`. */
export type StepOptions = Record<string, unknown>;

export type TransformFn = (value: unknown, step: StepOptions, ctx: TransformContext) => unknown;

/** A transform could not handle its input; becomes a per-record problem, never a batch failure. */
export class TransformFailure extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'TransformFailure';
    this.code = code;
  }
}

export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Shows a value in a problem message without dumping a huge string into logs. */
export function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Strings pass; numbers/booleans become text; anything else is a failure for text transforms. */
export function asText(value: unknown, transform: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new TransformFailure('NOT_TEXT', `${transform}: expected text, got ${preview(value)}`);
}

export function optString(step: StepOptions, key: string): string | undefined {
  const v = step[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}
