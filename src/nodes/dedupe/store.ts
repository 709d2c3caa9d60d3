/**
 * Where the node's dedupe index lives. The PostgreSQL store comes from a crm-pg-config node, which
 * owns the pool and runs the migrations; this is the one place that knows how to ask it.
 */
import { MemoryDedupeIndex } from '../../core/dedupe/index-store';
import type { DedupeIndex } from '../../core/dedupe/index-store';
import { PgDedupeIndex } from '../../core/dedupe/pg-index';
import { CrmError } from '../../core/errors';
import type { Queryable } from '../../core/store';
import { requireConfig } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import type { IndexMode } from './types';

interface PgConfigNode {
  getStore?: () => Promise<Queryable>;
}

export async function pgStore(RED: RED, configId: string | undefined): Promise<Queryable> {
  const cfg = requireConfig<PgConfigNode>(RED, configId, 'crm-pg-config');
  if (typeof cfg.getStore !== 'function') {
    throw new CrmError('DEDUPE_PG_UNSUPPORTED', 'The selected PostgreSQL configuration cannot provide a store.');
  }
  return cfg.getStore();
}

/** A factory per node: the memory index is created once and kept for the node's lifetime. */
export function indexFactory(RED: RED, mode: IndexMode, configId: string | undefined): () => Promise<DedupeIndex | undefined> {
  if (mode === 'none') return async () => undefined;
  if (mode === 'pg') return async () => new PgDedupeIndex(await pgStore(RED, configId));
  const memory = new MemoryDedupeIndex();
  return async () => memory;
}
