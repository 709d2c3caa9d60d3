/**
 * Batches log rows into multi-row INSERTs: a flush when `batchSize` rows wait or `flushIntervalMs`
 * after the first one, whichever comes first. Each INSERT holds rows of one table only, so every
 * batch is one atomic statement: written entirely or not at all.
 *
 * While the database is unavailable the rows stay buffered and the flush is retried with exponential
 * backoff; the buffer is bounded and a row that does not fit is refused at once (the caller reports
 * it). A batch rejected for its data is retried row by row so one bad row cannot sink the others.
 * Every row's promise settles exactly once: written, failed, dropped or lost at close.
 */
import { CrmError, toCrmError } from '../../core/errors';
import type { Queryable } from '../../core/store';
import { isRowDataError } from './errors';
import { buildInsert, MAX_BATCH_ROWS } from './log-rows';
import type { LogRow } from './log-rows';

export type Outcome = { ok: true } | { ok: false; reason: 'failed' | 'dropped' | 'lost'; error: CrmError };

export interface WriterOptions {
  getStore(): Promise<Queryable>;
  batchSize?: number;
  flushIntervalMs?: number;
  maxBuffer?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Called after every change of the counters (rows written, a retry scheduled, rows refused). */
  onChange?(stats: WriterStats, event: WriterEvent): void;
}

export interface WriterStats {
  written: number;
  buffered: number;
  failed: number;
  dropped: number;
  /** Set while the database is unavailable: the last error and when the next attempt runs. */
  retry?: { error: CrmError; attempt: number; delayMs: number };
}

export type WriterEvent =
  | { type: 'written'; count: number }
  | { type: 'retry'; error: CrmError; attempt: number; delayMs: number }
  | { type: 'recovered' }
  | { type: 'failed'; count: number; error: CrmError }
  | { type: 'dropped'; count: number }
  | { type: 'lost'; count: number };

interface Entry {
  row: LogRow;
  settle(outcome: Outcome): void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class LogWriter {
  private readonly queue: Entry[] = [];
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly maxBuffer: number;
  private readonly retryInitialMs: number;
  private readonly retryMaxMs: number;
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  /** The running drain stops at a partial batch (it was started because a batch filled up). */
  private fullOnly = false;
  /** Rows still to be written one at a time after a batch was rejected for its data. */
  private isolate = 0;
  private attempt = 0;
  private closed = false;
  readonly stats: WriterStats = { written: 0, buffered: 0, failed: 0, dropped: 0 };

  constructor(private readonly options: WriterOptions) {
    this.batchSize = Math.max(1, Math.min(options.batchSize ?? 100, MAX_BATCH_ROWS));
    this.flushIntervalMs = Math.max(0, options.flushIntervalMs ?? 1000);
    this.maxBuffer = Math.max(1, options.maxBuffer ?? 10_000);
    this.retryInitialMs = options.retryInitialMs ?? 1000;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
  }

  /** Queues a row; the promise settles when it is written or definitely not. */
  add(row: LogRow): Promise<Outcome> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'lost', error: new CrmError('PG_CLOSED', 'The logger is stopping.') });
    if (this.queue.length >= this.maxBuffer) {
      this.stats.dropped += 1;
      this.changed({ type: 'dropped', count: 1 });
      const error = new CrmError('PG_LOG_BUFFER_FULL', `Log buffer full (${this.maxBuffer} rows waiting for the database): row dropped.`, {
        params: { max: this.maxBuffer },
      });
      return Promise.resolve({ ok: false, reason: 'dropped', error });
    }
    return new Promise<Outcome>((settle) => {
      this.queue.push({ row, settle });
      this.stats.buffered = this.queue.length;
      if (this.retryTimer) return;
      if (this.queue.length >= this.batchSize) {
        // Full batches go now; a partial rest waits for the timer to fill up.
        this.fullOnly ||= !this.flushing;
        void this.flush(true);
      } else this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs);
    });
  }

  /** Writes everything buffered now (unless a retry is pending); resolves when this attempt ends. */
  flush(fullOnly = false): Promise<void> {
    if (!fullOnly) {
      this.fullOnly = false;
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
      this.fullOnly = false;
      if (this.queue.length > 0 && !this.retryTimer && !this.closed) this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs);
    });
    return this.flushing;
  }

  /**
   * Stops accepting rows and tries to write the buffer until `timeoutMs` passes; rows still
   * unwritten then are settled as lost. Returns how many were lost.
   */
  async close(timeoutMs = 10_000): Promise<number> {
    this.closed = true;
    const deadline = Date.now() + timeoutMs;
    this.clearTimers();
    while (this.queue.length > 0 && Date.now() < deadline) {
      await Promise.race([this.flush(), sleep(Math.max(0, deadline - Date.now()))]);
      this.clearTimers();
      if (this.queue.length > 0 && Date.now() < deadline) await sleep(Math.min(250, Math.max(0, deadline - Date.now())));
    }
    const lost = this.queue.splice(0);
    this.stats.buffered = 0;
    const error = new CrmError('PG_LOG_LOST', `${lost.length} log rows could not be written before the node stopped.`, { params: { count: lost.length } });
    for (const e of lost) e.settle({ ok: false, reason: 'lost', error });
    if (lost.length > 0) this.changed({ type: 'lost', count: lost.length });
    return lost.length;
  }

  private clearTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.timer = undefined;
    this.retryTimer = undefined;
  }

  private changed(event: WriterEvent): void {
    this.stats.buffered = this.queue.length;
    this.options.onChange?.({ ...this.stats }, event);
  }

  /** The longest run of rows for the same table at the head of the queue, up to the batch size. */
  private nextBatch(): Entry[] {
    const limit = this.isolate > 0 ? 1 : this.batchSize;
    const table = this.queue[0].row.table;
    let n = 0;
    while (n < limit && n < this.queue.length && this.queue[n].row.table === table) n += 1;
    return this.queue.slice(0, n);
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.retryTimer && !(this.fullOnly && this.queue.length < this.batchSize && this.isolate === 0)) {
      const batch = this.nextBatch();
      let store: Queryable;
      try {
        store = await this.options.getStore();
      } catch (err) {
        // Rows are not at fault when the database cannot be opened: keep them and retry.
        this.scheduleRetry(toCrmError(err, 'PG_UNREACHABLE'));
        return;
      }
      try {
        const { text, values } = buildInsert(batch[0].row.table, batch.map((e) => e.row.row));
        await store.query(text, values);
      } catch (err) {
        const error = toCrmError(err, 'PG_QUERY_FAILED');
        if (error.retryable || error.code === 'PG_CLOSED') {
          this.scheduleRetry(error);
          return;
        }
        if (batch.length > 1 && isRowDataError(error)) {
          this.isolate = batch.length;
          continue;
        }
        this.settleHead(batch.length, { ok: false, reason: 'failed', error });
        this.stats.failed += batch.length;
        this.changed({ type: 'failed', count: batch.length, error });
        continue;
      }
      this.settleHead(batch.length, { ok: true });
      this.stats.written += batch.length;
      const recovered = this.attempt > 0;
      this.attempt = 0;
      this.stats.retry = undefined;
      if (recovered) this.changed({ type: 'recovered' });
      this.changed({ type: 'written', count: batch.length });
    }
  }

  private settleHead(count: number, outcome: Outcome): void {
    const done = this.queue.splice(0, count);
    if (this.isolate > 0) this.isolate = Math.max(0, this.isolate - count);
    for (const e of done) e.settle(outcome);
  }

  private scheduleRetry(error: CrmError): void {
    this.attempt += 1;
    const delayMs = Math.min(this.retryMaxMs, this.retryInitialMs * 2 ** (this.attempt - 1));
    this.stats.retry = { error, attempt: this.attempt, delayMs };
    if (!this.closed) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        void this.flush();
      }, delayMs);
    }
    this.changed({ type: 'retry', error, attempt: this.attempt, delayMs });
  }
}
