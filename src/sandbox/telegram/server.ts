/**
 * The Telegram twin's HTTP face: `GET|POST /bot<token>/<method>` with parameters in the query string
 * and/or a JSON, form-urlencoded or multipart body, exactly like api.telegram.org; plus a read-back
 * API under /__twin/ for tests and the demo (messages received, calls answered, fault injection).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { TwinBotApi } from './bot-api';
import type { ApiAnswer } from './bot-api';
import type { TelegramTwinHandle, TelegramTwinOptions, TwinFault } from './types';

const MAX_BODY = 1024 * 1024;

function send(res: http.ServerResponse, answer: ApiAnswer | { status: number; body: unknown }): void {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Query parameters overlaid by body parameters, whatever encoding the client chose. */
async function readParams(req: http.IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const body = await readBody(req);
  if (body.length === 0) return params;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(params, parsed);
    return params;
  }
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
    form.forEach((v, k) => {
      params[k] = typeof v === 'string' ? v : '';
    });
  }
  return params;
}

async function handleTwin(api: TwinBotApi, req: http.IncomingMessage, url: URL, res: http.ServerResponse): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /__twin/messages') {
    const chat = url.searchParams.get('chat_id');
    send(res, { status: 200, body: api.messages(chat === null ? undefined : chat) });
  } else if (route === 'DELETE /__twin/messages') {
    api.clearMessages();
    send(res, { status: 200, body: { ok: true } });
  } else if (route === 'GET /__twin/calls') {
    send(res, { status: 200, body: api.calls() });
  } else if (route === 'POST /__twin/faults') {
    const { count = 1, ...fault } = (await readParams(req, url)) as Partial<TwinFault> & { count?: number | string };
    if (!Number(fault.error_code)) {
      send(res, { status: 400, body: { ok: false, description: 'error_code is required' } });
      return;
    }
    api.failNext(Number(count), { ...fault, error_code: Number(fault.error_code), retry_after: fault.retry_after === undefined ? undefined : Number(fault.retry_after) });
    send(res, { status: 200, body: { ok: true } });
  } else if (route === 'POST /__twin/reset') {
    api.reset();
    send(res, { status: 200, body: { ok: true } });
  } else {
    send(res, { status: 404, body: { ok: false, description: 'Not Found' } });
  }
}

export async function startTelegramTwin(options: TelegramTwinOptions = {}): Promise<TelegramTwinHandle> {
  const token = options.token ?? `7000000001:TWIN${randomBytes(16).toString('hex')}`;
  const botUsername = options.botUsername ?? 'crm_sync_twin_bot';
  const api = new TwinBotApi(options, botUsername);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://twin');
    const handle = async (): Promise<void> => {
      if (url.pathname.startsWith('/__twin/')) return handleTwin(api, req, url, res);
      const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
      if (!m) return send(res, { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } });
      if (decodeURIComponent(m[1]) !== token) {
        await readBody(req).catch(() => undefined);
        return send(res, { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
      }
      let params: Record<string, unknown>;
      try {
        params = await readParams(req, url);
      } catch {
        return send(res, { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: can't parse request body" } });
      }
      send(res, api.call(m[2], params));
    };
    handle().catch(() => {
      if (!res.headersSent) send(res, { status: 500, body: { ok: false, error_code: 500, description: 'Internal Server Error' } });
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    info: { url: `http://${urlHost}:${port}`, token, botUsername },
    messages: (chatId) => api.messages(chatId),
    clearMessages: () => api.clearMessages(),
    calls: () => api.calls(),
    failNext: (count, fault) => api.failNext(count, fault),
    reset: () => api.reset(),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
