/**
 * The shared id map: which ids in which systems (salesforce, monday, ...) are the same record.
 * Pure logic over the Queryable contract; the crm-id-map node wires it to a crm-pg-config.
 */
export { parseIds, parseLinkEntries } from './entries';
export type { ParsedLinks } from './entries';
export { foundEntries, linkedEntry } from './entry';
export type { Entry } from './entry';
export { checkEntity, checkSystem, isAction } from './names';
export { PgIdMap } from './pg-id-map';
export { ACTIONS } from './types';
export type { Action, IdQuery, IdResults, Link, LinkOutcome, LinkRequest, SystemIds } from './types';
