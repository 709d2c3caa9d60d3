/** Reads a pg logger's configuration into checked options; bad numbers fall back to defaults with a reason. */
import { LOG_STATUSES, MAX_BATCH_ROWS } from '../../connectors/postgres';
import type { LoggerOptions, LogType, PgLoggerDef } from './types';

export const DEFAULTS = { batchSize: 100, flushIntervalMs: 1000, maxBuffer: 10_000 } as const;

function whole(value: unknown, fallback: number, min: number, max: number, problems: string[], name: string): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  problems.push(`${name} must be a whole number from ${min} to ${max}; using ${fallback}`);
  return fallback;
}

export function readOptions(def: PgLoggerDef): { options: LoggerOptions; problems: string[] } {
  const problems: string[] = [];
  const logType: LogType = def.logType === 'sync' || def.logType === 'error' ? def.logType : 'auto';
  const batchSize = whole(def.batchSize, DEFAULTS.batchSize, 1, MAX_BATCH_ROWS, problems, 'Batch size');
  const flushIntervalMs = whole(def.flushInterval, DEFAULTS.flushIntervalMs, 0, 60_000, problems, 'Flush interval');
  const maxBuffer = whole(def.maxBuffer, DEFAULTS.maxBuffer, batchSize, 1_000_000, problems, 'Buffer limit');
  const status = (LOG_STATUSES as readonly string[]).includes(def.status ?? '') ? (def.status as string) : 'success';
  return {
    options: {
      logType,
      defaults: { direction: def.direction ?? '', system: def.system ?? '', object: def.object ?? '', event: def.event ?? '', status },
      includePayload: def.includePayload !== false,
      batchSize,
      flushIntervalMs,
      maxBuffer,
    },
    problems,
  };
}
