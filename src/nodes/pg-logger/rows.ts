/** Which table a msg goes to, per the node's log type, and its row. Throws INVALID_INPUT for bad msg.crm. */
import { errorRowFromMsg, syncRowFromMsg } from '../../connectors/postgres';
import type { LogRow, RowContext } from '../../connectors/postgres';
import type { LoggerOptions } from './types';

function carriesError(msg: Record<string, unknown>): boolean {
  const e = msg.error;
  return (typeof e === 'string' && e !== '') || (!!e && typeof e === 'object');
}

export function rowFor(msg: Record<string, unknown>, options: LoggerOptions, ctx: RowContext): LogRow {
  const toErrorLog = options.logType === 'error' || (options.logType === 'auto' && carriesError(msg));
  if (toErrorLog) return { table: 'error_log', row: errorRowFromMsg(msg, ctx) };
  return { table: 'sync_log', row: syncRowFromMsg(msg, options.defaults, ctx) };
}
