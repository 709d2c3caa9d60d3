/**
 * crm-salesforce-out: creates, updates, upserts (by external id) or deletes the records in
 * msg.payload through sObject Collections (≤ 200 a call). Per-record results: the records written
 * leave on output 1 (with their Id), the ones Salesforce refused on output 2 with statusCode,
 * message and fields; none is dropped. Transient failures are retried by the connector.
 * `composite` writes a graph of up to 25 records of different objects all-or-none (composite.ts).
 */
import { writeRecords } from '../../connectors/salesforce';
import type { ApiUsage, WriteOperation } from '../../connectors/salesforce';
import { CrmError } from '../../core/errors';
import { salesforceConfig, secretsOf } from '../salesforce-config/client-node';
import type { SalesforceConfigNode } from '../salesforce-config/types';
import { migrateConfig } from '../shared/migrate';
import { onClose, onInput, status } from '../shared/runtime';
import type { Msg, RED } from '../shared/runtime';
import { runComposite } from './composite';
import { splitResults } from './results';
import { TYPE } from './types';
import type { SalesforceOutDef, SalesforceOutNode } from './types';

const OPERATIONS: Array<WriteOperation | 'composite'> = ['create', 'update', 'upsert', 'delete', 'composite'];
/** Under ~2,000 records Salesforce advises Collections; above, one Bulk 2.0 job saves API calls. */
const DEFAULT_BULK_THRESHOLD = 2000;

function bulkThreshold(v: unknown): number {
  const n = Number(v);
  return v === '' || v === undefined || !Number.isFinite(n) || n < 0 ? DEFAULT_BULK_THRESHOLD : Math.floor(n);
}

export = function register(RED: RED): void {
  function SalesforceOut(this: SalesforceOutNode, def: SalesforceOutDef): void {
    RED.nodes.createNode(this, def);
    setup(this, def);
  }

  /** Wires one deployed node. */
  function setup(node: SalesforceOutNode, def: SalesforceOutDef): void {
    const config = migrateConfig(def, []);
    const sf = (): SalesforceConfigNode => salesforceConfig(RED, config.connection);
    let slowed = false;
    let unsubscribe: (() => void) | undefined;

    const watchUsage = (cfg: SalesforceConfigNode): void => {
      if (unsubscribe) return;
      const client = cfg.client();
      const onUsage = (u: ApiUsage, isSlow: boolean) => {
        slowed = isSlow;
        if (isSlow) status.waiting(node, RED._('salesforce-out.status.slowing', { used: u.used, limit: u.limit }));
      };
      client.on('usage', onUsage);
      unsubscribe = () => client.off('usage', onUsage);
    };

    onInput(
      RED,
      node,
      async (msg: Msg, send) => {
        const cfg = sf();
        watchUsage(cfg);
        const operation = (typeof msg.operation === 'string' ? msg.operation : config.operation ?? 'create') as WriteOperation | 'composite';
        if (!OPERATIONS.includes(operation)) throw new CrmError('SF_BAD_OPERATION', `Unknown operation ${operation}`, { params: { operation } });
        if (operation === 'composite') {
          status.busy(node, RED._('salesforce-out.status.writing', { done: 0, total: Array.isArray(msg.payload) ? msg.payload.length : 0 }));
          const { messages, counts } = await runComposite(cfg.client(), msg, config);
          send(messages);
          if (slowed) return;
          if (counts.failed) status.waiting(node, RED._('salesforce-out.status.refused', counts));
          else status.ok(node, RED._('salesforce-out.status.done', counts));
          return;
        }
        const object = typeof msg.object === 'string' && msg.object ? msg.object : (config.object ?? '');
        const externalIdField = typeof msg.externalIdField === 'string' && msg.externalIdField ? msg.externalIdField : config.externalIdField;
        if (operation === 'upsert' && !externalIdField) throw new CrmError('SF_NO_EXTERNAL_ID', 'Upsert needs an external id field');
        const payload = msg.payload;
        const single = !Array.isArray(payload);
        const valid = single ? (payload && typeof payload === 'object') || (operation === 'delete' && typeof payload === 'string') : payload.length > 0;
        if (!valid) {
          const type = Array.isArray(payload) ? 'an empty list' : payload === null ? 'null' : typeof payload;
          throw new CrmError('SF_NO_RECORDS', `msg.payload must be a record or a list of records; got ${type}`, { params: { type } });
        }
        const records = single ? [payload] : (payload as unknown[]);
        status.busy(node, RED._('salesforce-out.status.writing', { done: 0, total: records.length }));
        const results = await writeRecords(cfg.client(), records, {
          object,
          operation,
          externalIdField,
          allOrNone: !!config.allOrNone,
          allowDuplicates: !!config.allowDuplicates,
          bulkThreshold: bulkThreshold(config.bulkThreshold),
          onProgress: (done, total) => {
            if (!slowed) status.busy(node, RED._('salesforce-out.status.writing', { done, total }));
          },
        });
        const [ok, bad] = splitResults(msg, records, results, single, { object, operation });
        send([ok, bad]);
        const counts = { succeeded: results.filter((r) => r.success).length, failed: results.filter((r) => !r.success).length };
        if (slowed) return;
        if (counts.failed) status.waiting(node, RED._('salesforce-out.status.partial', counts));
        else status.ok(node, RED._('salesforce-out.status.done', counts));
      },
      { secrets: secretsOf(RED, config.connection) },
    );

    onClose(node, () => {
      unsubscribe?.();
      status.clear(node);
    });
  }

  RED.nodes.registerType(TYPE, SalesforceOut as never);
};
