import type { IncomingMessage, ServerResponse } from 'node:http';

/** Salesforce REST error item: `[{message, errorCode, fields?}]` is the body of every failed REST call. */
export interface SfErrorItem {
  message: string;
  errorCode: string;
  fields?: string[];
  [extra: string]: unknown;
}

/** Thrown anywhere inside a handler; the router turns it into the JSON array body Salesforce sends. */
export class SfError extends Error {
  readonly items: SfErrorItem[];
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    fields?: string[],
    extra?: Record<string, unknown>,
  ) {
    super(message);
    this.items = [{ message, errorCode, ...(fields ? { fields } : {}), ...(extra ?? {}) }];
  }
}

export const JSON_TYPE = 'application/json;charset=UTF-8';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { 'Content-Type': JSON_TYPE } : {}), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, body: string, contentType: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': contentType, ...headers });
  res.end(body);
}

/** Upper bound on any request body: Bulk 2.0 allows 100 MB of CSV, everything else is far smaller. */
const MAX_BODY = 150 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new SfError(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SfError(400, 'JSON_PARSER_ERROR', `Unexpected character in request body: ${(e as Error).message}`);
  }
}

/** Everything a REST handler needs about one call under /services/data/vXX.X. */
export interface ApiRequest {
  method: string;
  /** Path segments after /services/data/vXX.X, URL-decoded. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  version: string;
  userId: string;
  body: string;
  res: ServerResponse;
}

export function requireObject(value: unknown, what = 'request body'): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new SfError(400, 'JSON_PARSER_ERROR', `Expected a JSON object as the ${what}`);
  }
  return value as Record<string, unknown>;
}

/** Path segments after /services/data/vXX.X, URL-decoded; a malformed escape is the caller's 400. */
export function decodeSegments(path: string): string[] {
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new SfError(400, 'NOT_FOUND', 'The requested resource does not exist: the URL is not correctly encoded');
  }
}
