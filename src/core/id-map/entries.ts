/**
 * Reads what the flow hands in: link entries (`{entity?, <system>: id, ...}`, one or a list) and the
 * ids of a lookup or unlink (one or a list). A malformed container fails the whole message; a
 * malformed entry is refused on its own so the rest of a batch is still linked.
 */
import { CrmError, toCrmError } from '../errors';
import { RESERVED_KEYS, checkEntity, describe, isName, normalizeId } from './names';
import type { IdQuery, LinkRequest, SystemIds } from './types';

/** Fewer than two ids link nothing: an entry links one record's ids across systems. */
const MIN_IDS = 2;

export interface ParsedLinks {
  /** The input was one object (answers are one object too), not a list. */
  single: boolean;
  requests: LinkRequest[];
  refused: Array<{ index: number; error: CrmError }>;
}

export function parseLinkEntries(value: unknown, defaultEntity: string): ParsedLinks {
  const single = !Array.isArray(value);
  if (single && (value === null || typeof value !== 'object')) {
    throw new CrmError('ID_MAP_NO_ENTRIES', `msg.idMap must be an object such as {"salesforce": "00Q…", "monday": 123} or a list of them, got ${describe(value)}.`, {
      params: { value: describe(value) },
    });
  }
  const entries = single ? [value] : (value as unknown[]);
  const out: ParsedLinks = { single, requests: [], refused: [] };
  entries.forEach((entry, index) => {
    try {
      out.requests.push({ index, ...parseEntry(entry, index, defaultEntity) });
    } catch (err) {
      out.refused.push({ index, error: toCrmError(err) });
    }
  });
  return out;
}

function parseEntry(entry: unknown, index: number, defaultEntity: string): { entity: string; ids: SystemIds } {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    throw new CrmError('ID_MAP_BAD_ENTRY', `Entry ${index} must be an object of ids by system, got ${describe(entry)}.`, { params: { index, value: describe(entry) } });
  }
  const record = entry as Record<string, unknown>;
  const entity = record.entity === undefined ? defaultEntity : checkEntity(record.entity);
  const ids: SystemIds = {};
  for (const [key, raw] of Object.entries(record)) {
    if (RESERVED_KEYS.has(key)) continue;
    if (!isName(key)) {
      throw new CrmError('ID_MAP_BAD_SYSTEM_NAME', `Entry ${index}: "${key}" is not a system name; use lowercase names such as salesforce or monday.`, {
        params: { index, key },
      });
    }
    const id = normalizeId(raw, `${key} in entry ${index}`);
    if (id !== null) ids[key] = id;
  }
  const count = Object.keys(ids).length;
  if (count < MIN_IDS) {
    throw new CrmError('ID_MAP_TOO_FEW_IDS', `Entry ${index} has ${count} id(s): a link needs the ids of at least ${MIN_IDS} systems.`, {
      params: { index, count, min: MIN_IDS },
    });
  }
  return { entity, ids };
}

/** The ids of a lookup or unlink: one id, or a list (a batch; empty positions are just not found). */
export function parseIds(value: unknown, entity: string, system: string, where: string): { single: boolean; query: IdQuery } {
  if (Array.isArray(value)) {
    return { single: false, query: { entity, system, ids: value.map((v, i) => normalizeId(v, `${where}[${i}]`)) } };
  }
  const id = normalizeId(value, where);
  if (id === null) {
    throw new CrmError('ID_MAP_NO_ID', `No id in ${where}: set it to a ${system} id (a string or number) or a list of them.`, {
      params: { where, system },
    });
  }
  return { single: true, query: { entity, system, ids: [id] } };
}
