/** How well a value of one field type fits another: used by suggestions, validation hints and schema evolution. */
import type { FieldType, TransformSpec } from '../types';

const FAMILY: Record<FieldType, string> = {
  string: 'text', text: 'text', email: 'text', phone: 'text', url: 'text', picklist: 'text', multipicklist: 'list',
  number: 'number', integer: 'number', currency: 'number', percent: 'number',
  boolean: 'boolean', date: 'date', datetime: 'date', time: 'time',
  reference: 'ref', id: 'ref', people: 'ref', json: 'any', any: 'any',
};

/**
 * 1 = same type, 0.9 = same family (number ↔ currency), 0.6 = convertible through text
 * (anything can be written to a text field), 0 = does not fit (a date into a boolean).
 */
export function typeCompatibility(from: FieldType, to: FieldType): number {
  if (from === to) return 1;
  const [a, b] = [FAMILY[from], FAMILY[to]];
  if (a === 'any' || b === 'any') return 0.8;
  if (a === b) return 0.9;
  if (b === 'text' && to !== 'email' && to !== 'phone' && to !== 'url') return 0.6;
  // Ids are text: a text column holding "00Q…" ids fits a reference field.
  if (b === 'ref' && (from === 'string' || from === 'text')) return 0.6;
  // Plain text can often be parsed into numbers, dates or yes/no; the transform reports the ones that cannot.
  if (from === 'string' || from === 'text') return 0.5;
  if ((a === 'list' && b === 'text') || (a === 'text' && b === 'list')) return 0.7;
  return 0;
}

/** The transform a row into a field of this type usually needs (suggestions propose it). */
export function transformFor(to: FieldType): TransformSpec | undefined {
  switch (to) {
    case 'email':
      return 'email';
    case 'phone':
      return 'phone';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'number':
    case 'currency':
    case 'percent':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return undefined;
  }
}
