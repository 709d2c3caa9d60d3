import { CrmError } from '../../../core/errors';

/**
 * What monday answers with `ColumnValueException` for. Carries monday's own error_data so the twin
 * can reproduce the API's error and the out node can show which column and value were refused.
 */
export class ColumnValueError extends CrmError {
  readonly columnType: string;
  constructor(columnType: string, message: string, value?: unknown) {
    super('MONDAY_COLUMN_VALUE_INVALID', message, {
      params: { columnType, message },
      details: { mondayCode: 'ColumnValueException', column_type: columnType, column_value: value },
    });
    this.name = 'ColumnValueError';
    this.columnType = columnType;
  }
}

/** Parses a monday JSON write value that may arrive as an object or a JSON string. */
export function parseWrite(type: string, write: unknown): unknown {
  if (typeof write !== 'string') return write;
  const trimmed = write.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      throw new ColumnValueError(type, `invalid JSON value for a ${type} column`, write);
    }
  }
  return write;
}

export function asObject(type: string, write: unknown): Record<string, unknown> {
  const parsed = parseWrite(type, write);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ColumnValueError(type, `a ${type} column expects a JSON object`, write);
  }
  return parsed as Record<string, unknown>;
}

/** Parses a read cell's JSON `value`; monday returns null for empty columns. */
export function readJson(cell: { value: string | null }): unknown {
  if (cell.value === null || cell.value === '') return null;
  try {
    return JSON.parse(cell.value);
  } catch {
    return null;
  }
}

export function isEmptyWrite(write: unknown): boolean {
  if (write === null || write === undefined || write === '') return true;
  return typeof write === 'object' && !Array.isArray(write) && Object.keys(write as object).length === 0;
}
