/**
 * crm-pg-logger: writes each msg as a row of crm_sync.sync_log (or error_log for errors) through a
 * crm-pg-config. Rows are batched; a msg leaves on output 1 once its row is committed, or on
 * output 2 with msg.error when it could not be written (buffer full, rejected by the database).
 * Stopping flushes the buffer first.
 */
import { LogWriter } from '../../connectors/postgres';
import { TYPE as CONFIG_TYPE } from '../pg-config/types';
import type { PgConfigNode } from '../pg-config/types';
import { migrateConfig } from '../shared/migrate';
import { localizeError, onClose, onInput, requireConfig, status } from '../shared/runtime';
import type { Msg, RED } from '../shared/runtime';
import { readOptions } from './options';
import { Reporter } from './report';
import { rowFor } from './rows';
import { TYPE } from './types';
import type { PgLoggerDef, PgLoggerNode } from './types';

/** Stop waits this long for the database (Node-RED gives a node 15 s), less if it is already known down. */
const CLOSE_FLUSH_MS = 10_000;
const CLOSE_FLUSH_WHILE_DOWN_MS = 2_000;

export = function register(RED: RED): void {
  function PgLogger(this: PgLoggerNode, def: PgLoggerDef): void {
    RED.nodes.createNode(this, def);
    const config = migrateConfig(def, []);
    const { options, problems } = readOptions(config);
    for (const p of problems) this.warn(p);

    let cfg: PgConfigNode;
    try {
      cfg = requireConfig<PgConfigNode>(RED, config.store, CONFIG_TYPE);
    } catch (err) {
      const e = localizeError(RED, err);
      status.error(this, e.message);
      this.error(e.message);
      onInput(RED, this, () => {
        throw e;
      });
      return;
    }

    const describe = (err: unknown): string => cfg.describeError(err);
    const reporter = new Reporter(RED, this, options.maxBuffer, describe, (err) => cfg.statusText(err));
    const writer = new LogWriter({
      getStore: () => cfg.getStore(),
      batchSize: options.batchSize,
      flushIntervalMs: options.flushIntervalMs,
      maxBuffer: options.maxBuffer,
      onChange: (stats, event) => reporter.onWriter(stats, event),
    });
    cfg.register(this, (state) => reporter.onConnection(state));
    // Connect at deploy so a wrong configuration shows at once, not at the first message.
    cfg.getStore().catch(() => undefined);

    onInput(RED, this, async (msg: Msg, send) => {
      const row = rowFor(msg, options, { flowId: this.z ?? null, nodeId: this.id, now: new Date(), includePayload: options.includePayload });
      const outcome = await writer.add(row);
      if (outcome.ok) {
        send([msg, null]);
        return;
      }
      // Rows lost at stop are reported in one error by the close handler; nothing is sent while stopping.
      if (outcome.reason === 'lost') return;
      const e = localizeError(RED, outcome.error);
      if (msg.error !== undefined) msg._error = msg.error;
      msg.error = { code: e.code, message: e.message, source: { id: this.id, type: TYPE, name: this.name } };
      send([null, msg]);
    });

    onClose(this, async () => {
      try {
        await writer.close(writer.stats.retry ? CLOSE_FLUSH_WHILE_DOWN_MS : CLOSE_FLUSH_MS);
      } finally {
        reporter.close();
        cfg.deregister(this);
        status.clear(this);
      }
    });
  }

  RED.nodes.registerType(TYPE, PgLogger as never);
};
