/**
 * One message of the id map node: runs its action against the store and says what goes to which
 * output. Output 1 carries what was linked or found; output 2 what was refused or not found, so no
 * entry is ever dropped.
 */
import { PgIdMap, foundEntries, linkedEntry, parseIds, parseLinkEntries } from '../../core/id-map';
import type { Action, Entry } from '../../core/id-map';
import type { CrmError } from '../../core/errors';
import type { Queryable } from '../../core/store';
import { requireSystem } from './settings';
import type { Counters, Settings } from './types';

/** Properties to set on the message of each output; undefined: nothing is sent there. */
export interface Routed {
  out1?: Record<string, unknown>;
  out2?: Record<string, unknown>;
}

export interface Context {
  settings: Settings;
  db: Queryable;
  counters: Counters;
  /** The catalog text of a per-entry error. */
  localize(err: CrmError): string;
  /** The configured id (lookup/unlink), and a description of where it was read for error texts. */
  readId(): Promise<{ value: unknown; where: string }>;
}

export async function handle(ctx: Context, action: Action, idMap: unknown): Promise<Routed> {
  if (action === 'link') return link(ctx, idMap);
  const system = requireSystem(ctx.settings.system, action);
  const { value, where } = await ctx.readId();
  const { single, query } = parseIds(value, ctx.settings.entity, system, where);
  const map = new PgIdMap(ctx.db);
  const results = action === 'lookup' ? await map.lookup(query) : await map.unlink(query);
  const entries = foundEntries(query, results);
  const hits = results.filter(Boolean).length;
  ctx.counters[action === 'lookup' ? 'found' : 'unlinked'] += hits;
  ctx.counters.missing += results.length - hits;
  if (!single) return { out1: { idMap: entries } };
  return results[0] ? { out1: { idMap: entries[0] } } : { out2: { idMap: entries[0] } };
}

async function link(ctx: Context, idMap: unknown): Promise<Routed> {
  const parsed = parseLinkEntries(idMap, ctx.settings.entity);
  const outcomes = await new PgIdMap(ctx.db).link(parsed.requests);
  const linked: Entry[] = [];
  const refused = [...parsed.refused];
  for (const o of outcomes) {
    if (o.ok) linked.push(linkedEntry(o.link, o.replaced));
    else refused.push(o);
  }
  refused.sort((a, b) => a.index - b.index);
  ctx.counters.linked += linked.length;
  ctx.counters.refused += refused.length;

  const inputs = parsed.single ? [idMap] : (idMap as unknown[]);
  const routed: Routed = {};
  if (linked.length > 0 || inputs.length === 0) routed.out1 = { idMap: parsed.single ? linked[0] : linked };
  if (refused.length > 0) {
    const entries = refused.map((r) => inputs[r.index]);
    routed.out2 = {
      idMap: parsed.single ? entries[0] : entries,
      errors: refused.map((r) => ({ index: r.index, code: r.error.code, message: ctx.localize(r.error) })),
    };
  }
  return routed;
}
