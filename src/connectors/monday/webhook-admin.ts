/**
 * monday webhook subscriptions of a board: list, create (monday first runs its challenge against
 * the URL) and delete. monday's Webhook type has no `url`, so callers remember which ids are theirs.
 */
import { CrmError } from '../../core/errors';
import type { MondayClient } from './client';
import { fromMondayError } from './client-errors';
import { CREATE_WEBHOOK_MUTATION, DELETE_WEBHOOK_MUTATION, WEBHOOKS_QUERY } from './queries';

export interface BoardWebhook {
  id: string;
  event: string;
}

const MUTATION_COST = 10_000;

export async function listWebhooks(client: MondayClient, boardId: string): Promise<BoardWebhook[]> {
  const { data } = await client.request<{ webhooks: Array<BoardWebhook | null> | null }>(WEBHOOKS_QUERY, { boardId }, { estimate: 1_000 });
  return (data?.webhooks ?? []).filter((w): w is BoardWebhook => !!w).map((w) => ({ id: String(w.id), event: w.event }));
}

export async function createWebhook(client: MondayClient, boardId: string, url: string, event: string): Promise<BoardWebhook> {
  const { data, errors } = await client.request<{ create_webhook: BoardWebhook | null }>(CREATE_WEBHOOK_MUTATION, { boardId, url, event }, { estimate: MUTATION_COST, mutation: true });
  const hook = data?.create_webhook;
  if (!hook) throw errors[0] ? fromMondayError(errors[0], 200) : new CrmError('MONDAY_API_ERROR', 'monday did not create the webhook', { params: { message: '' } });
  return { id: String(hook.id), event: hook.event };
}

/** Deletes one webhook; one that is already gone counts as deleted. */
export async function deleteWebhook(client: MondayClient, id: string): Promise<void> {
  try {
    await client.request(DELETE_WEBHOOK_MUTATION, { id }, { estimate: MUTATION_COST, mutation: true });
  } catch (err) {
    if ((err as CrmError).code !== 'MONDAY_NOT_FOUND') throw err;
  }
}
