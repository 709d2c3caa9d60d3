/**
 * What may name an entity or a system, and what counts as an id. Names are lowercase identifiers so
 * "Salesforce" and "salesforce" can never become two systems of one record; ids are strings or
 * numbers and are stored as trimmed text.
 */
import { CrmError } from '../errors';
import { ACTIONS } from './types';
import type { Action } from './types';

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const MAX_ID_LENGTH = 1000;

/** Output fields of a link; an entry may carry them back in (a found link fed to "link") and they are not systems. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['entity', 'linkId', 'found', 'replaced']);

export function isName(value: unknown): value is string {
  return typeof value === 'string' && NAME.test(value) && !RESERVED_KEYS.has(value);
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}

export function checkEntity(value: unknown): string {
  if (isName(value)) return value;
  throw new CrmError('ID_MAP_BAD_ENTITY', `The entity must be a lowercase name such as lead or account, got ${describe(value)}.`, {
    params: { value: describe(value) },
  });
}

export function checkSystem(value: unknown): string {
  if (isName(value)) return value;
  throw new CrmError('ID_MAP_BAD_SYSTEM', `The system must be a lowercase name such as salesforce or monday, got ${describe(value)}.`, {
    params: { value: describe(value) },
  });
}

/** An id as stored: a non-empty string or a finite number as text; null when there is none (null, undefined, ''). */
export function normalizeId(value: unknown, where: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.length <= MAX_ID_LENGTH) return text === '' ? null : text;
  }
  throw new CrmError('ID_MAP_BAD_ID', `The id of ${where} must be a string or a number (at most ${MAX_ID_LENGTH} characters), got ${describe(value)}.`, {
    params: { where, value: describe(value), max: MAX_ID_LENGTH },
  });
}

/** A short, secret-free description of a bad value for error texts. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
