import type { Node, NodeDef } from 'node-red';

export const TYPE = 'crm-pg-logger';

export type LogType = 'auto' | 'sync' | 'error';

export interface PgLoggerDef extends NodeDef {
  version?: number;
  store?: string;
  /** auto: msg.error → error_log, else sync_log; sync / error: always that table. */
  logType?: LogType;
  direction?: string;
  system?: string;
  object?: string;
  event?: string;
  status?: string;
  includePayload?: boolean;
  batchSize?: number | string;
  flushInterval?: number | string;
  maxBuffer?: number | string;
}

export interface LoggerOptions {
  logType: LogType;
  defaults: { direction: string; system: string; object: string; event: string; status: string };
  includePayload: boolean;
  batchSize: number;
  flushIntervalMs: number;
  maxBuffer: number;
}

export type PgLoggerNode = Node;
