/**
 * crm-id-map: the shared id map of a crm-pg-config's database. Links the ids one record has in
 * several systems, looks a record's other ids up, or removes a link. The logic lives in
 * src/core/id-map; this file wires config, store, status and outputs.
 */
import type { NodeMessage } from 'node-red';
import { isAction } from '../../core/id-map';
import { migrateConfig } from '../shared/migrate';
import { PgClient } from '../shared/pg-client';
import { getMsgProperty, localizeError, onClose, onInput, status } from '../shared/runtime';
import type { Msg, RED } from '../shared/runtime';
import { handle } from './handler';
import type { Routed } from './handler';
import { settingsFrom } from './settings';
import type { Settings } from './types';
import { MIGRATIONS, TYPE } from './types';
import type { Counters, IdMapDef, IdMapNode } from './types';

export = function register(RED: RED): void {
  /** Where a typed input's value comes from, for error texts (msg.crm.itemId, flow.ids, ...). */
  const describeSource = (s: Settings): string => (['msg', 'flow', 'global'].includes(s.idFromType) ? `${s.idFromType}.${s.idFrom}` : `${s.idFromType} ${s.idFrom}`);

  function IdMap(this: IdMapNode, def: IdMapDef): void {
    RED.nodes.createNode(this, def);
    const config = migrateConfig(def, MIGRATIONS);
    const counters: Counters = { linked: 0, found: 0, missing: 0, unlinked: 0, refused: 0 };
    const pending = new Set<Promise<unknown>>();

    let client: PgClient | undefined;
    let settings: Settings | undefined;
    let setupError: Error | undefined;
    try {
      client = PgClient.attach(RED, this, config.store);
      settings = settingsFrom(config);
      client.show(() => status.ok(this, RED._('common.status.ready')));
    } catch (err) {
      setupError = localizeError(RED, err);
      status.error(this, setupError.message);
      this.error(setupError.message);
    }

    const showCounts = (): void => {
      const text = RED._(counters.refused > 0 ? 'id-map.status.countsRefused' : 'id-map.status.counts', { ...counters });
      client?.show(() => (counters.refused > 0 ? status.waiting(this, text) : status.ok(this, text)));
    };

    const readId = (s: Settings, msg: Msg): Promise<{ value: unknown; where: string }> => {
      const where = describeSource(s);
      // A missing parent (no msg.crm) is "no id", not a crash inside Node-RED's property reader.
      if (s.idFromType === 'msg') return Promise.resolve({ value: getMsgProperty(RED, msg, s.idFrom), where });
      return new Promise((resolve, reject) => {
        RED.util.evaluateNodeProperty(s.idFrom, s.idFromType, this, msg, (err: Error | null, value: unknown) => (err ? reject(err) : resolve({ value, where })));
      });
    };

    const toOutputs = (msg: Msg, routed: Routed): Array<NodeMessage | null> => {
      const second = routed.out2 && routed.out1 ? (RED.util.cloneMessage(msg) as Msg) : msg;
      return [routed.out1 ? Object.assign(msg, routed.out1) : null, routed.out2 ? Object.assign(second, routed.out2) : null];
    };

    onInput(RED, this, async (msg, send) => {
      if (!client || !settings) throw setupError;
      const s = settings;
      const db = client.getStore();
      const work = db.then((store) =>
        handle(
          { settings: s, db: store, counters, localize: (err) => localizeError(RED, err).message, readId: () => readId(s, msg) },
          isAction(msg.action) ? msg.action : s.action,
          msg.idMap,
        ),
      );
      pending.add(work);
      try {
        const routed = await work;
        send(toOutputs(msg, routed));
        showCounts();
      } finally {
        pending.delete(work);
      }
    });

    onClose(this, async () => {
      // Messages in flight finish their queries before the crm-pg-config may close the pool.
      await Promise.allSettled([...pending]);
      client?.release();
      status.clear(this);
    });
  }

  RED.nodes.registerType(TYPE, IdMap as never);
};
