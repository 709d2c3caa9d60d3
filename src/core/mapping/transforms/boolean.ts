/** Booleans from the many ways people and tools write them (monday checkboxes included). */
import type { TransformFn } from './base';
import { isEmpty, preview, TransformFailure } from './base';

const TRUE = new Set(['true', 't', 'yes', 'y', '1', 'on', 'checked', 'x', '✓', '✔', 'ja', 'oui', 'si', 'sí', 'wahr']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0', 'off', 'unchecked', '-', 'nein', 'non', 'falsch']);

export const boolean: TransformFn = (value) => {
  if (value === undefined || value === null) return value;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (value === 1 || value === 0) return value === 1;
  } else if (typeof value === 'object' && 'checked' in value) {
    const checked = (value as { checked: unknown }).checked;
    return checked === true || checked === 'true';
  } else if (typeof value === 'string') {
    if (isEmpty(value)) return false;
    const s = value.trim().toLowerCase();
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
  }
  throw new TransformFailure('INVALID_BOOLEAN', `cannot read ${preview(value)} as yes/no`);
};
