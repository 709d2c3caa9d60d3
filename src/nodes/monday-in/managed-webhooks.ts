/**
 * "Manage webhooks": make the board's subscriptions match the node's events on deploy (creating only
 * what is missing, so redeploys and restarts never duplicate), and remove them when the node is
 * deleted. The ledger says which hooks are ours; monday's list says which of them still exist.
 */
import { createHash } from 'node:crypto';
import { createWebhook, deleteWebhook, listWebhooks, type BoardWebhook, type MondayClient } from '../../connectors/monday';
import type { Ledger, LedgerEntry } from './webhook-ledger';

export interface ManagedTarget {
  client: MondayClient;
  ledger: Ledger;
  nodeId: string;
  endpoint: string;
  boardId: string;
  /** The URL monday posts to (public base URL + route path, plus ?token= when used). */
  url: string;
  events: readonly string[];
}

const hashOf = (url: string): string => createHash('sha256').update(url).digest('hex');

/** Deletes hooks one by one, recording after each so a failure leaves the rest remembered. */
async function deleteAll(t: ManagedTarget, entry: LedgerEntry, doomed: readonly BoardWebhook[]): Promise<void> {
  for (const hook of doomed) {
    await deleteWebhook(t.client, hook.id);
    entry.hooks = entry.hooks.filter((h) => h.id !== hook.id);
    await t.ledger.set(t.nodeId, entry.hooks.length ? entry : undefined);
  }
}

/** Returns the node's hooks after creating the missing ones; throws monday's error on the first failure. */
export async function ensureWebhooks(t: ManagedTarget): Promise<BoardWebhook[]> {
  const previous = await t.ledger.get(t.nodeId);
  const urlHash = hashOf(t.url);
  const entry: LedgerEntry = { endpoint: t.endpoint, boardId: t.boardId, urlHash, hooks: previous?.endpoint === t.endpoint ? [...previous.hooks] : [] };
  const sameTarget = previous?.boardId === t.boardId && previous.urlHash === urlHash;
  const live = new Map((await listWebhooks(t.client, t.boardId)).map((w) => [w.id, w.event]));
  const keep: BoardWebhook[] = [];
  for (const hook of entry.hooks) {
    const fits = sameTarget && live.get(hook.id) === hook.event && t.events.includes(hook.event) && !keep.some((k) => k.event === hook.event);
    if (fits) keep.push(hook);
  }
  // Ours but no longer wanted (event dropped, URL or board changed) or already gone on monday's side;
  // recorded under their old target until deleted, so a crash half-way cannot mistake them for current.
  const stale = entry.hooks.filter((h) => !keep.includes(h));
  if (stale.length) await deleteAll(t, { ...(previous ?? entry), hooks: entry.hooks }, stale);
  entry.hooks = [...keep];
  for (const event of t.events) {
    if (keep.some((h) => h.event === event)) continue;
    const hook = await createWebhook(t.client, t.boardId, t.url, event);
    entry.hooks.push(hook);
    await t.ledger.set(t.nodeId, entry);
  }
  if (entry.hooks.length === 0) await t.ledger.set(t.nodeId, undefined);
  return entry.hooks;
}

/** The node was deleted: remove every webhook it created. */
export async function removeWebhooks(t: Pick<ManagedTarget, 'client' | 'ledger' | 'nodeId'>): Promise<number> {
  const entry = await t.ledger.get(t.nodeId);
  if (!entry) return 0;
  const count = entry.hooks.length;
  await deleteAll(t as ManagedTarget, entry, [...entry.hooks]);
  await t.ledger.set(t.nodeId, undefined);
  return count;
}
