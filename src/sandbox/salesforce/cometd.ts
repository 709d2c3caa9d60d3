import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Sessions } from './auth';
import { bearer } from './auth';
import type { ChangeEvent, ChangeLog } from './cdc';
import { onChannel } from './cdc';
import { sendJson } from './http';
import { token } from './ids';
import type { Store } from './store';

type Message = Record<string, unknown>;

interface Client {
  id: string;
  subscriptions: Set<string>;
  queue: Message[];
  waiting?: { res: ServerResponse; reply: Message; timer: NodeJS.Timeout };
  lastSeen: number;
}

const IDLE_CLIENT_MS = 10 * 60 * 1000;

/**
 * The Streaming API's Bayeux endpoint (/cometd/{version}) over long-polling, the transport jsforce's faye
 * client is forced onto: handshake, subscribe (with the replay extension), connect held until events
 * arrive or the advised timeout passes, unsubscribe, disconnect.
 */
export class CometD {
  private readonly clients = new Map<string, Client>();

  constructor(
    private readonly store: Store,
    private readonly log: ChangeLog,
    private readonly sessions: Sessions,
    private readonly timeoutMs: number,
  ) {
    log.onEvent((e) => this.deliver(e));
  }

  /** Answers every held connect telling the client not to reconnect, so faye clients wind down with the twin. */
  stop(): void {
    for (const c of this.clients.values()) {
      if (c.waiting) c.waiting.reply.advice = { reconnect: 'none', interval: 0 };
      this.flush(c);
    }
    this.clients.clear();
  }

  handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return sendJson(res, 400, [{ successful: false, error: '400::Bad request: body is not JSON' }]);
    }
    const messages = (Array.isArray(parsed) ? parsed : [parsed]) as Message[];
    this.purgeIdle();
    if (!this.sessions.check(bearer(req))) {
      return sendJson(res, 200, messages.map((m) => ({ channel: m.channel, id: m.id, clientId: m.clientId, successful: false, error: '401::Authentication invalid', advice: { reconnect: 'none' } })));
    }
    const replies: Message[] = [];
    let connect: { client: Client; reply: Message } | undefined;
    for (const m of messages) {
      const channel = String(m.channel ?? '');
      const base = { channel, id: m.id, clientId: m.clientId };
      if (channel === '/meta/handshake') {
        const client: Client = { id: token(24), subscriptions: new Set(), queue: [], lastSeen: Date.now() };
        this.clients.set(client.id, client);
        replies.push({ ...base, clientId: client.id, version: '1.0', minimumVersion: '1.0', supportedConnectionTypes: ['long-polling'], successful: true, ext: { replay: true, 'payload.format': true }, advice: { interval: 0, timeout: this.timeoutMs, reconnect: 'retry' } });
        continue;
      }
      const client = this.clients.get(String(m.clientId ?? ''));
      if (!client) {
        replies.push({ ...base, successful: false, error: '403::Unknown client', advice: { reconnect: 'handshake', interval: 0 } });
        continue;
      }
      client.lastSeen = Date.now();
      if (channel === '/meta/connect') connect = { client, reply: { ...base, successful: true, advice: { interval: 0, timeout: this.timeoutMs, reconnect: 'retry' } } };
      else if (channel === '/meta/subscribe') replies.push(this.subscribe(client, m, base));
      else if (channel === '/meta/unsubscribe') {
        client.subscriptions.delete(String(m.subscription));
        replies.push({ ...base, subscription: m.subscription, successful: true });
      } else if (channel === '/meta/disconnect') {
        this.flush(client);
        this.clients.delete(client.id);
        replies.push({ ...base, successful: true });
      } else replies.push({ ...base, successful: false, error: '403::Publish not allowed' });
    }
    if (!connect) return sendJson(res, 200, replies);
    const { client, reply } = connect;
    this.flush(client);
    if (replies.length || client.queue.length) return sendJson(res, 200, [...replies, ...client.queue.splice(0), reply]);
    const timer = setTimeout(() => this.flush(client), this.timeoutMs);
    timer.unref();
    client.waiting = { res, reply, timer };
    res.on('close', () => {
      if (client.waiting?.res === res) {
        clearTimeout(client.waiting.timer);
        client.waiting = undefined;
      }
    });
  }

  private subscribe(client: Client, m: Message, base: Message): Message {
    const subscription = String(m.subscription ?? '');
    const obj = /^\/data\/(\w+)ChangeEvent$/.exec(subscription)?.[1];
    if (subscription !== '/data/ChangeEvents' && !(obj && this.store.object(obj))) {
      return { ...base, subscription, successful: false, error: `400::The channel you requested to subscribe to does not exist {${subscription}}` };
    }
    client.subscriptions.add(subscription);
    const replay = ((m.ext as Message | undefined)?.replay as Record<string, unknown> | undefined)?.[subscription];
    const from = typeof replay === 'number' ? replay : -1;
    if (from >= 0 && from + 1 < this.log.earliestReplayId) {
      return { ...base, subscription, successful: false, error: `400::The replayId {${from}} you provided was invalid. Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.` };
    }
    for (const e of this.log.since(from)) if (onChannel(e, subscription)) client.queue.push({ channel: subscription, data: e.data });
    return { ...base, subscription, successful: true };
  }

  private deliver(event: ChangeEvent): void {
    for (const client of this.clients.values()) {
      for (const sub of client.subscriptions) if (onChannel(event, sub)) client.queue.push({ channel: sub, data: event.data });
      if (client.queue.length && client.waiting) this.flush(client);
    }
  }

  /** Answers a held /meta/connect with whatever is queued. */
  private flush(client: Client): void {
    const w = client.waiting;
    if (!w) return;
    client.waiting = undefined;
    clearTimeout(w.timer);
    sendJson(w.res, 200, [...client.queue.splice(0), w.reply]);
  }

  private purgeIdle(): void {
    const now = Date.now();
    for (const [id, c] of this.clients) if (!c.waiting && now - c.lastSeen > IDLE_CLIENT_MS) this.clients.delete(id);
  }
}
