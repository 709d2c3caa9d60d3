import type { Node, NodeDef } from 'node-red';
import type { ConnectionSchemaSettings } from './providers';

export const TYPE = 'crm-field-mapper';
export const PERMISSION = 'crm-field-mapper.write';

export interface FieldMapperDef extends NodeDef, ConnectionSchemaSettings {
  version?: number;
  /** The mapping document as JSON text (see src/core/mapping/mapping.schema.json). */
  mapping?: string;
  /** msg property that may carry a mapping overriding the node's ('' = never). */
  mappingProperty?: string;
  /** "none", "static" (schemaText), "salesforce" (sfConnection + sfObject) or "monday" (mondayAccount + mondayBoard). */
  schemaSource?: string;
  /** Fields the target does not know: "error" (record invalid) or "ignore". */
  unknownFields?: 'error' | 'ignore';
  /** Check required target fields (off for partial updates). */
  checkRequired?: boolean;
}

export type FieldMapperNode = Node;

export const EMPTY_MAPPING = '{\n  "version": 1,\n  "rows": []\n}';
