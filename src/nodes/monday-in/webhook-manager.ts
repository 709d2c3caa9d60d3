/**
 * Node-RED side of "manage webhooks" for monday in: checks the settings, runs the reconcile once the
 * route is up, reports "listening, N webhooks" or monday's refusal, and on close removes the hooks
 * only when the node was deleted (a plain redeploy keeps them).
 */
import { MondayClient } from '../../connectors/monday';
import type { MondayConfigNode } from '../monday-config/types';
import { localizeError, status } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import { ensureWebhooks, removeWebhooks, type ManagedTarget } from './managed-webhooks';
import type { MondayInDef, MondayInNode } from './types';
import { ledgerFor } from './webhook-ledger';

export interface ManagedHooks {
  /** The URL monday is given (JWT audience when no explicit public URL is set). */
  url: string;
  close(removed: boolean): Promise<void>;
}

/** The URL monday posts to: public base URL + route path, plus ?token= when deliveries are not signed. */
/** How long a closing node waits for its webhook set-up / removal before finishing it in the background. */
const CLOSE_WAIT_MS = 10_000;

export function managedUrl(baseUrl: string, path: string, urlToken: string | undefined): string | undefined {
  let url: URL;
  try {
    url = new URL(`${baseUrl.trim().replace(/\/+$/, '')}${path}`);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol)) return undefined;
  if (urlToken) url.searchParams.set('token', urlToken);
  return url.toString();
}

export function eventsOf(def: MondayInDef): string[] {
  const raw: unknown = def.events;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
  return [...new Set(list.map((e) => String(e).trim()).filter(Boolean))];
}

export function manageWebhooks(RED: RED, node: MondayInNode, def: MondayInDef, account: MondayConfigNode | null, path: string, urlToken: string | undefined): ManagedHooks | undefined {
  const token = account?.token();
  const url = managedUrl(def.baseUrl ?? '', path, account?.signingSecret() ? undefined : urlToken);
  const boardId = String(def.boardId ?? '').trim();
  const events = eventsOf(def);
  if (!account || !token || !url || !/^\d+$/.test(boardId) || events.length === 0) {
    status.error(node, RED._('monday-in.status.hooksNotConfigured'));
    node.error(RED._('monday-in.errors.manageConfig'));
    return undefined;
  }
  const secrets = [token, account.signingSecret(), urlToken];
  const client = new MondayClient({ endpoint: account.endpoint, token, apiVersion: account.apiVersion, timeoutMs: 15_000, maxRetries: 3, maxWaitS: 10 });
  const target: ManagedTarget = { client, ledger: ledgerFor(RED.settings.userDir as string | undefined), nodeId: node.id, endpoint: account.endpoint, boardId, url, events };
  const fail = (key: string, err: unknown): void => {
    const message = localizeError(RED, err, secrets).message;
    status.error(node, RED._('monday-in.status.hooksFailed'));
    node.error(RED._(`monday-in.errors.${key}`, { boardId, message }));
  };
  status.busy(node, RED._('monday-in.status.hooksSetup', { count: events.length }));
  // Started on the next tick: the route is registered by then, so monday's challenge gets its answer.
  const ready = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => ensureWebhooks(target))
    .then((hooks) => status.ok(node, RED._('monday-in.status.listeningHooks', { path, count: hooks.length })))
    .catch((err: unknown) => fail('manageFailed', err));
  return {
    url,
    close: async (removed) => {
      // Removal waits for a set-up still in progress (else a hook created after it would be orphaned), but
      // Node-RED gives a closing node 15 s: past CLOSE_WAIT_MS the node closes and the work ends in the background.
      const work = ready
        .then(() => (removed ? removeWebhooks(target) : undefined))
        .catch((err: unknown) => fail('removeFailed', err))
        .finally(() => client.close());
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([work.then(() => false), new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), CLOSE_WAIT_MS); })]);
      clearTimeout(timer);
      if (late) node.warn(RED._('monday-in.warn.closeSlow', { boardId, seconds: CLOSE_WAIT_MS / 1000 }));
    },
  };
}
