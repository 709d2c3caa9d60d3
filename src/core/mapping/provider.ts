/**
 * Where a node gets its target schema from. Connectors (Salesforce describe, monday board columns)
 * plug in later by implementing TargetSchemaProvider and registering a factory for their kind.
 */
import { CrmError } from '../errors';
import { toTargetSchema } from './schema/detect';
import type { TargetSchema } from './types';

export interface TargetSchemaProvider {
  /** Shown in warnings and the editor ("salesforce:Lead", "JSON Schema"). */
  readonly description: string;
  /** The current schema; undefined when there is none (no validation). May be cached by the provider. */
  getSchema(): Promise<TargetSchema | undefined>;
  /** Drops any cache so the next getSchema() fetches again (schema evolution checks). */
  refresh?(): void;
}

/** Settings a node stores for its provider; `kind` selects the factory. */
export interface ProviderConfig {
  kind: string;
  /** For "static": the schema text (JSON Schema, describe JSON, monday columns or neutral). */
  text?: string;
  /** For connector kinds: the config node id and object/board, interpreted by the connector. */
  [setting: string]: unknown;
}

export type ProviderFactory = (config: ProviderConfig) => TargetSchemaProvider;

const factories = new Map<string, ProviderFactory>();

export function registerTargetSchemaProvider(kind: string, factory: ProviderFactory): void {
  factories.set(kind, factory);
}

/** A schema known up front (pasted into the node or passed by a test). */
export function staticProvider(schema: TargetSchema | undefined, description = 'static schema'): TargetSchemaProvider {
  return { description, getSchema: async () => schema };
}

registerTargetSchemaProvider('none', () => staticProvider(undefined, 'none'));
registerTargetSchemaProvider('static', (config) => {
  // Parse eagerly so a broken schema is reported when the node starts, not on the first message.
  const schema = toTargetSchema(config.text ?? '');
  return staticProvider(schema, schema.name ?? 'schema');
});

export function createTargetSchemaProvider(config: ProviderConfig): TargetSchemaProvider {
  const factory = factories.get(config.kind);
  if (!factory) {
    throw new CrmError('SCHEMA_PROVIDER_UNKNOWN', `Unknown target schema source "${config.kind}"`, { params: { kind: config.kind } });
  }
  return factory(config);
}
