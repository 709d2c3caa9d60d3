/**
 * Webhook mode: a POST route on Node-RED's HTTP server. Answers monday's challenge, verifies each
 * delivery (JWT signed with the app's signing secret, or a secret ?token= for personal-token
 * webhooks), replies 200 at once and emits each event once, however often monday redelivers it.
 */
import type { Request, Response } from 'express';
import { normalizeEvent, SeenIds, verifyWebhookJwt, type NormalizedEvent } from '../../connectors/monday';
import { timingSafeEqual } from 'node:crypto';

export const MAX_BODY_BYTES = 1_000_000;

export interface WebhookOptions {
  signingSecret?: string;
  urlToken?: string;
  audience?: string;
  onEvent(event: NormalizedEvent, raw: Record<string, unknown>): void;
  onRejected(reason: string): void;
}

function readRaw(req: Request): Promise<string> {
  if (req.body !== undefined && typeof req.body === 'object' && !Buffer.isBuffer(req.body)) return Promise.resolve(JSON.stringify(req.body));
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        // Stop keeping the body but let it drain, so the client reads our 413 instead of a reset.
        req.off('data', onData);
        chunks.length = 0;
        req.resume();
        reject(Object.assign(new Error('too large'), { status: 413 }));
      } else chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function webhookHandler(options: WebhookOptions): (req: Request, res: Response) => void {
  const seen = new SeenIds(10_000);
  return (req, res) => {
    void (async () => {
      let body: Record<string, unknown>;
      try {
        const raw = await readRaw(req);
        body = JSON.parse(raw) as Record<string, unknown>;
        if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
      } catch (err) {
        const status = (err as { status?: number }).status === 413 ? 413 : 400;
        options.onRejected(status === 413 ? 'body too large' : 'malformed JSON');
        if (!res.headersSent) res.status(status).set('Connection', 'close').json({ error: status === 413 ? 'payload too large' : 'malformed JSON' });
        return;
      }
      if (typeof body.challenge === 'string' && body.event === undefined) {
        res.status(200).json({ challenge: body.challenge });
        return;
      }
      try {
        if (options.signingSecret) await verifyWebhookJwt(req.headers.authorization, options.signingSecret, options.audience);
        else if (!options.urlToken || typeof req.query.token !== 'string' || !sameSecret(req.query.token, options.urlToken)) throw new Error('no valid ?token=');
      } catch (err) {
        options.onRejected((err as Error).message);
        res.status(401).json({ error: 'unauthorized' });
        return;
      }
      const event = body.event as Record<string, unknown> | undefined;
      if (!event || typeof event !== 'object') {
        options.onRejected('no event in body');
        res.status(400).json({ error: 'no event' });
        return;
      }
      res.status(200).json({ ok: true });
      const trigger = String(event.triggerUuid ?? event.originalTriggerUuid ?? '');
      if (trigger && !seen.add(trigger)) return;
      options.onEvent(normalizeEvent(event), event);
    })().catch((err: unknown) => {
      options.onRejected((err as Error).message);
      if (!res.headersSent) res.status(500).json({ error: 'internal error' });
    });
  };
}
