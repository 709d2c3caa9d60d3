import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { mondayError } from './errors';
import type { ChangeEvent, WebhookRec } from './model';
import type { MondayStore } from './store';
import { eventBody, subscriptionEvents } from './webhook-events';

export interface WebhookOptions {
  accountId: number;
  signingSecret: string;
  /** How long to wait before redelivering a failed event; monday waits a minute. */
  retryIntervalMs: number;
  /** Redeliveries after the first attempt; monday retries for 30 minutes. */
  retryLimit: number;
  timeoutMs: number;
  now(): number;
  /** Short-lived API tokens minted into the JWT are accepted by the twin's API for 5 minutes. */
  issueShortLivedToken(token: string, expiresAt: number): void;
}

export interface DeliveryRecord {
  webhookId: string;
  triggerUuid: string;
  attempt: number;
  isRetry: boolean;
  ok: boolean;
  status?: number;
}

export class WebhookManager {
  readonly deliveries: DeliveryRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly store: MondayStore,
    private readonly opts: WebhookOptions,
  ) {
    store.onChange((e) => this.dispatch(e));
  }

  /** create_webhook: monday first POSTs {"challenge"} and only keeps the hook when it is echoed back. */
  async create(boardId: string, url: string, event: string, config: Record<string, unknown> | null): Promise<WebhookRec> {
    if (!/^https?:\/\//.test(url)) throw mondayError('InvalidArgumentException', 'The webhook URL must be an http(s) URL', { url });
    if (event === 'change_specific_column_value' && typeof config?.columnId !== 'string') {
      throw mondayError('InvalidArgumentException', 'change_specific_column_value needs config {"columnId": "..."}', { event });
    }
    const challenge = randomBytes(24).toString('base64url');
    let echoed = false;
    try {
      const res = await fetch(url, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ challenge }),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      const body = (await res.json().catch(() => null)) as { challenge?: unknown } | null;
      echoed = res.ok && body?.challenge === challenge;
    } catch {
      echoed = false;
    }
    if (!echoed) throw mondayError('WebhookChallengeFailedException', 'Failed to communicate with URL provided.', { url });
    const hook: WebhookRec = { id: this.store.nextId(), boardId, url, event, config };
    this.store.webhooks.set(hook.id, hook);
    return hook;
  }

  private dispatch(e: ChangeEvent): void {
    const events = subscriptionEvents(e);
    const board = this.store.boards.get(e.item.boardId)!;
    const subscribedOn = board.parentBoardId ?? board.id;
    for (const hook of this.store.webhooks.values()) {
      if (hook.boardId !== subscribedOn || !events.includes(hook.event)) continue;
      if (hook.event === 'change_specific_column_value' && (e.kind !== 'change_column_value' || e.column.id !== hook.config?.columnId)) continue;
      const now = this.opts.now();
      const event = {
        app: 'monday', triggerTime: new Date(now).toISOString(), subscriptionId: Number(hook.id), isRetry: false,
        userId: Number(e.userId), originalTriggerUuid: null, boardId: Number(board.id), triggerUuid: randomUUID(),
        ...eventBody(board, e, now),
      };
      this.attempt(hook, event, 0);
    }
  }

  private attempt(hook: WebhookRec, event: Record<string, unknown>, attempt: number): void {
    if (this.stopped) return;
    const p = this.send(hook, { ...event, isRetry: attempt > 0 }, attempt).finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }

  private async send(hook: WebhookRec, event: Record<string, unknown>, attempt: number): Promise<void> {
    const record: DeliveryRecord = { webhookId: hook.id, triggerUuid: String(event.triggerUuid), attempt, isRetry: attempt > 0, ok: false };
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: await this.jwt(hook, Number(event.userId)) },
        body: JSON.stringify({ event }),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      record.status = res.status;
      record.ok = res.ok;
    } catch {
      record.ok = false;
    }
    this.deliveries.push(record);
    if (!record.ok && attempt < this.opts.retryLimit && !this.stopped) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.attempt(hook, event, attempt + 1);
      }, this.opts.retryIntervalMs);
      this.timers.add(timer);
    }
  }

  /** HS256 with the app's signing secret; claims as monday documents them. [UNVERIFIED] algorithm. */
  private async jwt(hook: WebhookRec, userId: number): Promise<string> {
    const nowS = Math.floor(this.opts.now() / 1000);
    const shortLivedToken = `slt_${randomBytes(18).toString('base64url')}`;
    this.opts.issueShortLivedToken(shortLivedToken, this.opts.now() + 5 * 60_000);
    return new SignJWT({ accountId: this.opts.accountId, userId, shortLivedToken })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setAudience(hook.url)
      .setIssuedAt(nowS)
      .setExpirationTime(nowS + 5 * 60)
      .sign(new TextEncoder().encode(this.opts.signingSecret));
  }

  /** Resolves when no delivery is in flight (scheduled retries are not waited for). */
  async settle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.inflight]);
  }
}
