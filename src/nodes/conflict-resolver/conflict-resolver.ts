/**
 * crm-conflict-resolver: merges one record's versions from several systems against the last-synced
 * snapshot, and sends the resolved record with per-system patches and a conflict report. The logic
 * lives in src/core/conflict; this file wires config, store, status and outputs.
 */
import { KeyedQueue } from '../../core/conflict';
import { migrateConfig } from '../shared/migrate';
import { getMsgProperty, localizeError, onClose, onInput, status } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import { handleMessage, toOutputs } from './handler';
import { settingsFrom } from './settings';
import type { Settings } from './settings';
import { lazyStore } from './store-source';
import { MIGRATIONS, TYPE } from './types';
import type { ConflictResolverDef, ConflictResolverNode, Counters } from './types';

export = function register(RED: RED): void {
  function ConflictResolver(this: ConflictResolverNode, def: ConflictResolverDef): void {
    RED.nodes.createNode(this, def);
    const config = migrateConfig(def, MIGRATIONS);
    const store = lazyStore(RED, this, config.pgConfig);
    const counters: Counters = { resolved: 0, conflicts: 0, echoes: 0, errors: 0 };
    const queue = new KeyedQueue();
    const storeLabel = RED._(`conflict-resolver.status.store-${store.kind}`);

    let settings: Settings | undefined;
    let configError: Error | undefined;
    try {
      settings = settingsFrom(config);
      // Config nodes start first: a missing one is reported at deploy, not at the first message.
      if (store.setupError) throw store.setupError;
      store.show(() => status.ok(this, RED._(`conflict-resolver.status.ready-${store.kind}`)));
    } catch (err) {
      configError = localizeError(RED, err);
      status.error(this, configError.message);
      this.error(configError.message);
    }
    const outputs = settings?.echoOutput === false ? 2 : 3;

    const showCounts = (): void => {
      const text = RED._('conflict-resolver.status.counts', { ...counters, store: storeLabel });
      store.show(() => (counters.errors > 0 ? status.waiting(this, text) : status.ok(this, text)));
    };

    onInput(RED, this, async (msg, send) => {
      if (!settings) throw configError;
      const routed = await handleMessage(
        {
          settings,
          store: store.get,
          queue,
          counters,
          readProperty: (m, path) => getMsgProperty(RED, m, path),
          localize: (err) => localizeError(RED, err).message,
        },
        msg,
      );
      send(toOutputs(routed, outputs));
      showCounts();
    });

    onClose(this, async (removed) => {
      // messages still being resolved finish their queries before the crm-pg-config may close the pool
      await queue.idle();
      store.release(removed);
      status.clear(this);
    });
  }
  RED.nodes.registerType(TYPE, ConflictResolver as never);
};
