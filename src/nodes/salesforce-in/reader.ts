/**
 * One read in progress: an async generator of pages, pulled one page at a time. Only the current
 * page is held, so memory stays bounded whatever the result size. Delta reads store their cursor
 * right after a page is handed downstream (commit 'sent': a restart resumes after the last page
 * sent), or only once msg.next acknowledges it (commit 'next': a page being handled when Node-RED
 * dies is read again on restart).
 */
import { bulkQueryPages, deltaPages, describe, fieldNames, queryPages, retrievePages, bindSoql } from '../../connectors/salesforce';
import type { CursorStore, DeltaCursor, Page, SalesforceClient } from '../../connectors/salesforce';
import type { ReadRequest } from './options';
import type { CommitOn } from './types';

export interface PageOut extends Page {
  object: string;
  cursor?: DeltaCursor | null;
}

export interface CursorRef {
  store: CursorStore;
  node: string;
  key: string;
}

function objectOf(soql: string): string {
  return /\bFROM\s+([A-Za-z][A-Za-z0-9_]*)/i.exec(soql)?.[1] ?? '';
}

/** Field name → type of the queried object, to type Bulk CSV text like query mode's JSON. */
async function fieldTypes(client: SalesforceClient, object: string): Promise<Record<string, string>> {
  const d = (await describe(client, object)) as { fields: Array<{ name: string; type?: string }> };
  return Object.fromEntries(d.fields.map((f) => [f.name, String(f.type ?? 'string')]));
}

async function* pagesFor(client: SalesforceClient, req: ReadRequest, signal: AbortSignal, cursor?: CursorRef): AsyncGenerator<PageOut> {
  if (req.mode === 'describe') {
    const d = await describe(client, req.object);
    yield { records: [d], page: 1, totalSize: 1, done: true, object: req.object };
    return;
  }
  if (req.mode === 'query') {
    const soql = bindSoql(req.query ?? '', req.params);
    for await (const p of queryPages(client, soql, { includeDeleted: req.includeDeleted, pageSize: req.pageSize })) yield { ...p, object: objectOf(soql) };
    return;
  }
  if (req.mode === 'bulk') {
    const soql = bindSoql(req.query ?? '', req.params);
    const object = objectOf(soql);
    // Without a describe the values stay text; the job itself then reports what is wrong with the query.
    const types = object ? await fieldTypes(client, object).catch(() => ({})) : {};
    const options = { includeDeleted: req.includeDeleted, pageSize: req.pageSize, timeoutMs: req.bulkTimeoutMs, types, signal };
    for await (const p of bulkQueryPages(client, soql, options)) yield { ...p, object };
    return;
  }
  const fields = req.fields.length ? req.fields : await fieldNames(client, req.object);
  if (req.mode === 'ids') {
    for await (const p of retrievePages(client, req.object, req.ids, fields)) yield { ...p, object: req.object };
    return;
  }
  const start = cursor ? ((await cursor.store.get(cursor.node, cursor.key)) as DeltaCursor | null) : null;
  for await (const p of deltaPages(client, { object: req.object, fields, where: req.where, params: req.params, cursor: start, includeDeleted: req.includeDeleted, pageSize: req.pageSize })) {
    yield { ...p, object: req.object };
  }
}

export class ReadSession {
  private readonly pages: AsyncGenerator<PageOut>;
  /** Ends waits inside a read (a Bulk job being polled) so stop() does not wait for them. */
  private readonly abort = new AbortController();
  /** commit 'next': the page sent last, whose cursor waits for msg.next. */
  private pending: PageOut | undefined;
  records = 0;
  pageCount = 0;
  finished = false;

  constructor(
    client: SalesforceClient,
    req: ReadRequest,
    private readonly cursor?: CursorRef,
    private readonly commitOn: CommitOn = 'sent',
  ) {
    this.pages = pagesFor(client, req, this.abort.signal, cursor);
  }

  /** The last page was read and sent, but its cursor still waits for msg.next. */
  get awaitingAck(): boolean {
    return this.finished && this.pending !== undefined;
  }

  /** The read is over and nothing waits to be saved. */
  get over(): boolean {
    return this.finished && this.pending === undefined;
  }

  /** The next page, or undefined when the read is over. */
  async next(): Promise<PageOut | undefined> {
    const r = await this.pages.next();
    if (r.done) {
      this.finished = true;
      return undefined;
    }
    this.records += r.value.records.length;
    this.pageCount += 1;
    if (r.value.done) this.finished = true;
    return r.value;
  }

  /** Called once a page was sent: saves its cursor now (commit 'sent') or keeps it for acknowledge(). */
  async sent(page: PageOut): Promise<void> {
    if (this.commitOn === 'next') this.pending = page;
    else await this.save(page);
  }

  /** msg.next arrived: the page sent last is handled, so a restart may start after it. */
  async acknowledge(): Promise<void> {
    // Kept until saved: when the database refuses, the next msg.next tries again.
    if (this.pending) await this.save(this.pending);
    this.pending = undefined;
  }

  private async save(page: PageOut): Promise<void> {
    if (this.cursor && page.cursor) await this.cursor.store.set(this.cursor.node, this.cursor.key, page.cursor);
  }

  /** Abandons the read; a cursor still waiting for msg.next is not saved. */
  async stop(): Promise<void> {
    this.pending = undefined;
    this.finished = true;
    this.abort.abort();
    await this.pages.return(undefined);
  }
}
