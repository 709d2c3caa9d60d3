/**
 * crm-dedupe: finds duplicates within a batch of records and against earlier batches (memory or
 * PostgreSQL index), outputs unique records, duplicates with explanations, and per-record errors.
 */
import { dedupeBatch } from '../../core/dedupe/engine';
import type { DedupeOptions } from '../../core/dedupe/engine';
import { isPlainRecord } from '../../core/dedupe/prepare';
import { migrateConfig } from '../shared/migrate';
import { getMsgProperty, localizeError, onClose, onInput, status } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import { buildOptions } from './options';
import { localizeRecordError, toMessages } from './output';
import { nodeIndex } from './store';
import { TYPE } from './types';
import type { DedupeDef, DedupeNode } from './types';

export = function register(RED: RED): void {
  function Dedupe(this: DedupeNode, def: DedupeDef): void {
    RED.nodes.createNode(this, def);
    const config = migrateConfig(def, []);
    let options: DedupeOptions | undefined;
    let configError: unknown;
    try {
      options = buildOptions(config);
    } catch (err) {
      configError = err;
    }
    const mode = config.index || 'memory';
    const index = nodeIndex(RED, this, mode, config.pgConfig);
    const show = index.show;
    configError ??= index.setupError;
    const where = RED._(`dedupe.status.index-${mode}`);
    if (configError) status.error(this, localizeError(RED, configError).message);
    else show(() => status.ok(this, RED._('dedupe.status.ready', { where })));

    // batches run one at a time: two concurrent runs would each miss the other's records in the index
    let queue: Promise<unknown> = Promise.resolve();
    const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
      const run = queue.then(work);
      queue = run.catch(() => undefined);
      return run;
    };

    onInput(RED, this, (msg, send) => oneAtATime(async () => {
      if (!options) throw configError;
      const input = getMsgProperty(RED, msg, config.property || 'payload');
      if (msg.reset === true) {
        await (await index.get())?.clear(options.namespace ?? 'default');
        show(() => status.ok(this, RED._('dedupe.status.cleared')));
        // a bare reset message only clears; one carrying records goes on to be deduped
        if (input === undefined) return;
      }
      const records = Array.isArray(input) ? input : isPlainRecord(input) ? [input] : undefined;
      if (!records || records.length === 0) {
        const code = records ? 'EMPTY_BATCH' : 'NOT_A_LIST';
        const error = localizeRecordError(RED, { index: null, code: code as never, params: { property: config.property || 'payload' } });
        show(() => status.waiting(this, error.message));
        send([null, null, { ...msg, payload: [error] }]);
        return;
      }
      show(() => status.busy(this, RED._('dedupe.status.busy', { count: records.length })));
      const known = await index.get();
      const onProgress = (p: { comparisons: number; records: number }): void =>
        show(() => status.busy(this, RED._('dedupe.status.progress', { records: p.records, comparisons: p.comparisons })));
      const result = await dedupeBatch(records, { ...options, onProgress }, known);
      const s = result.stats;
      const text = RED._('dedupe.status.done', { records: s.records, unique: s.unique, duplicates: s.duplicates, review: s.review, errors: s.errors });
      show(() => (s.errors > 0 ? status.waiting(this, text) : status.ok(this, text)));
      send(toMessages(RED, msg, result));
    }));

    onClose(this, async () => {
      // the batch still running finishes its queries before the crm-pg-config may close the pool
      await queue;
      index.release();
      status.clear(this);
    });
  }
  RED.nodes.registerType(TYPE, Dedupe as never);
};
