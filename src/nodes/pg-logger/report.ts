/**
 * What a pg logger tells the user: the node status (rows written, buffered, failed, dropped; the
 * retry countdown while the database is away) and log entries. Repeated drops are summed and
 * reported at most every few seconds, so a full buffer cannot flood the log but no drop goes unsaid.
 */
import type { Node } from 'node-red';
import type { WriterEvent, WriterStats } from '../../connectors/postgres';
import { status } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import type { StoreState } from '../pg-config/types';

const STATUS_EVERY_MS = 250;
const DROP_REPORT_EVERY_MS = 5000;

export class Reporter {
  private stats: WriterStats = { written: 0, buffered: 0, failed: 0, dropped: 0 };
  private statusTimer: NodeJS.Timeout | undefined;
  private dropTimer: NodeJS.Timeout | undefined;
  private unreportedDrops = 0;
  private connection: StoreState = { state: 'idle' };

  constructor(
    private readonly RED: RED,
    private readonly node: Node,
    private readonly maxBuffer: number,
    private readonly describe: (err: unknown) => string,
    private readonly short: (err: unknown) => string,
  ) {}

  onConnection(state: StoreState): void {
    this.connection = state;
    this.render();
  }

  onWriter(stats: WriterStats, event: WriterEvent): void {
    this.stats = stats;
    const { RED, node } = this;
    switch (event.type) {
      case 'retry':
        // Once per outage, with what to fix; the countdown stays visible in the status.
        if (event.attempt === 1) node.error(RED._('pg-logger.report.unavailable', { reason: this.describe(event.error), buffered: stats.buffered, max: this.maxBuffer }));
        break;
      case 'recovered':
        node.log(RED._('pg-logger.log.recovered', { buffered: stats.buffered }));
        break;
      case 'failed':
        node.error(RED._('pg-logger.report.failed', { count: event.count, reason: this.describe(event.error) }));
        break;
      case 'dropped':
        this.unreportedDrops += event.count;
        this.dropTimer ??= setTimeout(() => this.reportDrops(), DROP_REPORT_EVERY_MS);
        break;
      case 'lost':
        node.error(RED._('pg-logger.report.lost', { count: event.count }));
        break;
      default:
        break;
    }
    this.statusTimer ??= setTimeout(() => {
      this.statusTimer = undefined;
      this.render();
    }, STATUS_EVERY_MS);
  }

  private reportDrops(): void {
    if (this.dropTimer) clearTimeout(this.dropTimer);
    this.dropTimer = undefined;
    if (this.unreportedDrops === 0) return;
    this.node.warn(this.RED._('pg-logger.report.dropped', { count: this.unreportedDrops, max: this.maxBuffer, total: this.stats.dropped }));
    this.unreportedDrops = 0;
  }

  private counts(withZeroWritten = true): string {
    const { RED } = this;
    const s = this.stats;
    const parts = s.written > 0 || withZeroWritten ? [RED._('pg-logger.status.written', { count: s.written })] : [];
    if (s.buffered > 0) parts.push(RED._('pg-logger.status.buffered', { count: s.buffered }));
    if (s.failed > 0) parts.push(RED._('pg-logger.status.failed', { count: s.failed }));
    if (s.dropped > 0) parts.push(RED._('pg-logger.status.dropped', { count: s.dropped }));
    return parts.join(', ');
  }

  render(): void {
    const { RED, node } = this;
    const s = this.stats;
    if (s.retry) {
      const seconds = Math.ceil(s.retry.delayMs / 1000);
      // Counts first: the status is cut at 64 characters and the reason is also in the log.
      status.error(node, `${this.counts(false)} · ${RED._('pg-logger.status.retry', { seconds })} · ${this.short(s.retry.error)}`);
    } else if (this.connection.state === 'error' && s.written === 0) {
      status.error(node, this.short(this.connection.error));
    } else if (this.connection.state === 'connecting' && s.written === 0) {
      status.waiting(node, RED._('pg-logger.status.connecting'));
    } else if (s.failed > 0 || s.dropped > 0) {
      status.waiting(node, this.counts());
    } else if (s.written > 0 || s.buffered > 0 || this.connection.state === 'connected') {
      status.ok(node, this.counts());
    }
  }

  /** Final report at close: pending drop counts are logged now rather than lost with the timer. */
  close(): void {
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.statusTimer = undefined;
    this.reportDrops();
  }
}
