/**
 * Target schemas read from a connection: a Salesforce object's describe or a monday board's columns.
 * Registered here, in the node layer, because they resolve config nodes (RED.nodes.getNode); the
 * core provider registry stays free of Node-RED.
 */
import { describe } from '../../connectors/salesforce';
import { CrmError } from '../../core/errors';
import type { ProviderConfig, SalesforceDescribe, TargetSchema, TargetSchemaProvider } from '../../core/mapping';
import { fromMondayColumns, fromSalesforceDescribe, registerTargetSchemaProvider } from '../../core/mapping';
import type { MondayConfigNode } from '../monday-config/types';
import { TYPE as MONDAY_CONFIG } from '../monday-config/types';
import { salesforceConfig, secretsOf } from '../salesforce-config/client-node';
import type { RED } from '../shared/runtime';
import { requireConfig } from '../shared/runtime';

/** Node settings → provider settings, shared by the runtime node and the editor's admin endpoints. */
export interface ConnectionSchemaSettings {
  schemaSource?: string;
  schemaText?: string;
  sfConnection?: string;
  sfObject?: string;
  mondayAccount?: string;
  mondayBoard?: string;
  mondayNewLabels?: boolean;
}

export function providerConfig(s: ConnectionSchemaSettings): ProviderConfig {
  const kind = s.schemaSource || 'none';
  if (kind === 'salesforce') return { kind, config: s.sfConnection, object: s.sfObject };
  if (kind === 'monday') return { kind, config: s.mondayAccount, board: s.mondayBoard, newLabels: s.mondayNewLabels === true };
  return { kind, text: s.schemaText };
}

/** Secrets of the connection a schema comes from, for scrubbing error text. */
export function providerSecrets(RED: RED, s: ConnectionSchemaSettings): () => string[] {
  if (s.schemaSource === 'salesforce') return secretsOf(RED, s.sfConnection);
  if (s.schemaSource === 'monday' && s.mondayAccount) {
    const id = s.mondayAccount;
    return () => [(RED.nodes.getNode(id) as unknown as MondayConfigNode | null)?.token() ?? ''].filter(Boolean);
  }
  return () => [];
}

function setting(config: ProviderConfig, key: string, what: string): string {
  const value = typeof config[key] === 'string' ? (config[key] as string).trim() : '';
  if (!value) throw new CrmError('SCHEMA_TARGET_MISSING', `No ${what} is set for the target schema`, { params: { what } });
  return value;
}

/** One fetch at a time, kept until refresh(); a failed fetch is not kept. */
function cachedProvider(description: string, fetch: (refresh: boolean) => Promise<TargetSchema>): TargetSchemaProvider {
  let cached: Promise<TargetSchema> | undefined;
  let stale = false;
  return {
    description,
    getSchema() {
      cached ??= fetch(stale).catch((err: unknown) => {
        cached = undefined;
        throw err;
      });
      stale = false;
      return cached;
    },
    refresh() {
      cached = undefined;
      stale = true;
    },
  };
}

export function registerConnectionProviders(RED: RED): void {
  registerTargetSchemaProvider('salesforce', (config) => {
    const object = setting(config, 'object', 'Salesforce object');
    const cfg = salesforceConfig(RED, config.config as string | undefined);
    return cachedProvider(`salesforce:${object}`, async () => {
      const described = await describe(cfg.client(), object).catch((err: unknown) => {
        // Salesforce's own text ("The requested resource does not exist") does not say which object.
        if (err instanceof CrmError && err.code === 'SF_NOT_FOUND') {
          throw new CrmError('SCHEMA_OBJECT_NOT_FOUND', `Salesforce has no object "${object}"`, { params: { object }, cause: err });
        }
        throw err;
      });
      return fromSalesforceDescribe(described as unknown as SalesforceDescribe);
    });
  });

  registerTargetSchemaProvider('monday', (config) => {
    const board = setting(config, 'board', 'monday board id');
    const cfg = requireConfig<MondayConfigNode>(RED, config.config as string | undefined, MONDAY_CONFIG);
    return cachedProvider(`monday:${board}`, async (refresh) => {
      const meta = await cfg.client().board(board, refresh);
      const schema = fromMondayColumns(meta.columns, meta.name);
      // monday rejects an unknown status or dropdown label unless the write creates missing labels.
      if (config.newLabels !== true) for (const f of schema.fields) if (f.picklist) f.restricted = true;
      return schema;
    });
  });
}
