import type { Migration } from '../shared/migrate';
import type { FieldMapperDef } from './types';
import { EMPTY_MAPPING } from './types';

/** v0 → v1: flows saved before the node had versioned config get today's defaults. */
export const MIGRATIONS: ReadonlyArray<Migration<FieldMapperDef>> = [
  (c) => ({
    ...c,
    mapping: c.mapping || EMPTY_MAPPING,
    mappingProperty: c.mappingProperty ?? 'mapping',
    schemaSource: c.schemaSource || 'none',
    schemaText: c.schemaText ?? '',
    unknownFields: c.unknownFields ?? 'error',
    checkRequired: c.checkRequired ?? true,
  }),
];
