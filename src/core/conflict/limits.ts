/**
 * Input limits: the resolver holds every version in memory and hashes it, so one oversized or
 * hostile message must fail alone, with a clear reason, instead of stalling the flow.
 */
export const LIMITS = {
  systems: 20,
  systemName: 64,
  fields: 2000,
  fieldName: 256,
  /** Characters in one string value (Salesforce long text tops out at 131 072). */
  stringLength: 1_000_000,
  /** Characters across all strings of one message. */
  totalChars: 10_000_000,
  depth: 20,
  keyLength: 512,
} as const;

/** Names that would reach Object.prototype when used as keys. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
