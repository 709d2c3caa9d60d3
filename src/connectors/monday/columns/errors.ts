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
