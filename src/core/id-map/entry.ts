/** The plain objects the flow sees: `{entity, linkId, found?, <system>: id, ...}`, systems in name order. */
import type { IdQuery, IdResults, Link, SystemIds } from './types';

export type Entry = Record<string, unknown>;

function withIds(head: Entry, ids: SystemIds): Entry {
  for (const system of Object.keys(ids).sort()) head[system] = ids[system];
  return head;
}

/** A completed link; `replaced` (ids the link held before, by system) only when there were any. */
export function linkedEntry(link: Link, replaced: SystemIds = {}): Entry {
  const entry = withIds({ entity: link.entity, linkId: link.linkId }, link.ids);
  if (Object.keys(replaced).length > 0) entry.replaced = { ...replaced };
  return entry;
}

/** Per queried id: `{entity, linkId, found: true, ...ids}` or `{entity, found: false, <system>: id}`. */
export function foundEntries(query: IdQuery, results: IdResults): Entry[] {
  return results.map((link, i) =>
    link ? withIds({ entity: link.entity, linkId: link.linkId, found: true }, link.ids) : { entity: query.entity, found: false, [query.system]: query.ids[i] },
  );
}
