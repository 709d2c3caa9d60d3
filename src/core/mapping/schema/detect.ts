/** Turns whatever describes a target (neutral model, Salesforce describe, monday columns, JSON Schema) into the neutral model. */
import { CrmError } from '../../errors';
import { fromJsonText } from '../json-input';
import type { TargetSchema } from '../types';
import { fromJsonSchema, isJsonSchema } from './json-schema';
import { fromMondayColumns, isMondayColumns } from './monday';
import { fromSalesforceDescribe, isSalesforceDescribe } from './salesforce';

const FIELD_TYPES = new Set([
  'string', 'text', 'email', 'phone', 'url', 'number', 'integer', 'currency', 'percent', 'boolean', 'date', 'datetime',
  'time', 'picklist', 'multipicklist', 'reference', 'id', 'people', 'json', 'any',
]);

function isNeutral(doc: unknown): doc is TargetSchema {
  const fields = (doc as { fields?: unknown })?.fields;
  return Array.isArray(fields) && fields.every((f) => f && typeof f === 'object' && typeof f.name === 'string' && FIELD_TYPES.has(f.type));
}

export type SchemaKind = 'neutral' | 'salesforce' | 'monday' | 'json-schema';

export function detectSchemaKind(doc: unknown): SchemaKind | undefined {
  if (isSalesforceDescribe(doc)) return 'salesforce';
  if (isNeutral(doc)) return 'neutral';
  if (isMondayColumns(doc) || isMondayColumns((doc as { columns?: unknown })?.columns)) return 'monday';
  if (isJsonSchema(doc)) return 'json-schema';
  return undefined;
}

/** Accepts an object or JSON text; throws SCHEMA_INVALID saying which shapes are understood. */
export function toTargetSchema(input: unknown): TargetSchema {
  const doc = fromJsonText(input, 'SCHEMA_INVALID', 'target schema', 'reason');
  switch (detectSchemaKind(doc)) {
    case 'salesforce':
      return fromSalesforceDescribe(doc as Parameters<typeof fromSalesforceDescribe>[0]);
    case 'neutral':
      return doc as TargetSchema;
    case 'monday': {
      const board = doc as { columns?: unknown; name?: string };
      return Array.isArray(doc) ? fromMondayColumns(doc as never) : fromMondayColumns(board.columns as never, board.name);
    }
    case 'json-schema':
      return fromJsonSchema(doc as Parameters<typeof fromJsonSchema>[0]);
    default: {
      const reason = 'expected a Salesforce describe (fields[]), monday board columns (id/title/type), a JSON Schema (properties) or {fields:[{name,type}]}';
      throw new CrmError('SCHEMA_INVALID', `The target schema is not understood: ${reason}`, { params: { reason } });
    }
  }
}
