import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { SfError } from './http';
import type { ObjectDef } from './schema';
import { createRecord, deleteRecord, updateRecord, upsertRecord } from './records';
import type { WriteContext } from './validate';

export const DELIMITERS: Record<string, string> = { COMMA: ',', TAB: '\t', PIPE: '|', SEMICOLON: ';', CARET: '^', BACKQUOTE: '`' };
export const OPERATIONS = ['insert', 'update', 'upsert', 'delete', 'hardDelete'] as const;
export type IngestOperation = (typeof OPERATIONS)[number];

export interface IngestSpec {
  def: ObjectDef;
  operation: IngestOperation;
  externalIdFieldName?: string;
  delimiter: string;
  lineEnding: string;
}

export interface IngestOutcome {
  successful: string;
  failed: string;
  unprocessed: string;
  processed: number;
  failedCount: number;
}

/** jsforce (and Data Loader) write '#N/A' for "set this field to null". */
const NULL_MARKER = '#N/A';

function csv(header: string[], rows: string[][], spec: IngestSpec): string {
  return stringify([header, ...rows], { delimiter: spec.delimiter, record_delimiter: spec.lineEnding === 'CRLF' ? '\r\n' : '\n', quoted: true });
}

export function parseUpload(text: string, spec: IngestSpec): { header: string[]; rows: string[][] } {
  let table: string[][];
  try {
    table = parse(text, { delimiter: spec.delimiter, relax_column_count: false, skip_empty_lines: true, bom: true }) as string[][];
  } catch (e) {
    throw new SfError(400, 'INVALIDJOB', `InvalidBatch : Failed to parse CSV: ${(e as Error).message}`);
  }
  const [header = [], ...rows] = table;
  for (const name of header) {
    if (!spec.def.byName.has(name.toLowerCase())) throw new SfError(400, 'INVALIDJOB', `InvalidBatch : Field name not found : ${name}`);
  }
  const required = spec.operation === 'insert' ? undefined : spec.operation === 'upsert' ? (spec.externalIdFieldName ?? 'Id') : 'Id';
  if (required && !header.some((h) => h.toLowerCase() === required.toLowerCase())) {
    throw new SfError(400, 'INVALIDJOB', `InvalidBatch : Field name not found : ${required}`);
  }
  return { header, rows };
}

/**
 * Applies every uploaded row as its own DML operation (Bulk jobs have no all-or-none) and renders the three
 * result files: successfulResults (sf__Id, sf__Created), failedResults (sf__Id, sf__Error) and unprocessedrecords.
 */
export function runIngest(ctx: WriteContext, spec: IngestSpec, header: string[], rows: string[][]): IngestOutcome {
  const successful: string[][] = [];
  const failed: string[][] = [];
  const idIndex = header.findIndex((h) => h.toLowerCase() === 'id');
  for (const row of rows) {
    const body: Record<string, unknown> = {};
    header.forEach((h, i) => {
      if (i !== idIndex && row[i] !== '') body[h] = row[i] === NULL_MARKER ? null : row[i];
    });
    const id = idIndex >= 0 ? row[idIndex] : '';
    try {
      let result: { id: string; created: boolean };
      switch (spec.operation) {
        case 'insert':
          result = { id: createRecord(ctx, spec.def, body), created: true };
          break;
        case 'update':
          result = { id: updateRecord(ctx, spec.def, id, body), created: false };
          break;
        case 'upsert': {
          const ext = spec.externalIdFieldName ?? 'Id';
          const col = header.findIndex((h) => h.toLowerCase() === ext.toLowerCase());
          result = upsertRecord(ctx, spec.def, ext, col >= 0 ? row[col] : '', body);
          break;
        }
        case 'delete':
          result = { id: deleteRecord(ctx, spec.def, id), created: false };
          break;
        case 'hardDelete': {
          const deleted = deleteRecord(ctx, spec.def, id);
          ctx.store.purge(spec.def, deleted);
          result = { id: deleted, created: false };
          break;
        }
      }
      successful.push([result.id, String(result.created), ...row]);
    } catch (e) {
      if (!(e instanceof SfError)) throw e;
      const item = e.items[0];
      failed.push([id, `${e.errorCode}:${item.message}:${(item.fields ?? []).join(',')} --`, ...row]);
    }
  }
  return {
    successful: csv(['sf__Id', 'sf__Created', ...header], successful, spec),
    failed: csv(['sf__Id', 'sf__Error', ...header], failed, spec),
    unprocessed: csv(header, [], spec),
    processed: rows.length,
    failedCount: failed.length,
  };
}

/**
 * Renders query rows (nested relationship objects) as CSV lines, one string per record so pages can be cut
 * anywhere (values may hold line breaks); columns are named like Account.Name.
 */
export function queryCsvLines(columns: string[], records: Array<Record<string, unknown>>, delimiter: string): { header: string; rows: string[] } {
  const value = (rec: Record<string, unknown>, path: string): string => {
    let v: unknown = rec;
    for (const key of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : null;
    return v === null || v === undefined ? '' : String(v);
  };
  const line = (cells: string[]) => stringify([cells], { delimiter, record_delimiter: '\n', quoted: true }).slice(0, -1);
  return { header: line(columns), rows: records.map((r) => line(columns.map((c) => value(r, c)))) };
}
