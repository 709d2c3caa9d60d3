/**
 * crm-salesforce-in: reads Salesforce by SOQL query, delta (changed since the stored cursor),
 * record ids, or describes an object. Output: one msg per page (or per record). With paging
 * "pull" the node sends one page and waits for msg.next=true before reading the next, so a read
 * of millions of records holds one page at a time; msg.stop=true abandons a read.
 */
import { PgCursorStore, KeyValueCursorStore, stripAttributes } from '../../connectors/salesforce';
import type { CursorStore } from '../../connectors/salesforce';
import { CrmError } from '../../core/errors';
import { TYPE as PG_TYPE } from '../pg-config/types';
import type { PgConfigNode } from '../pg-config/types';
import { salesforceConfig, secretsOf } from '../salesforce-config/client-node';
import type { SalesforceConfigNode } from '../salesforce-config/types';
import { migrateConfig } from '../shared/migrate';
import { onClose, onInput, requireConfig, status } from '../shared/runtime';
import type { Msg, RED, Send } from '../shared/runtime';
import { readRequest } from './options';
import { ReadSession } from './reader';
import type { PageOut } from './reader';
import { TYPE } from './types';
import type { SalesforceInDef, SalesforceInNode } from './types';

export = function register(RED: RED): void {
  function SalesforceIn(this: SalesforceInNode, def: SalesforceInDef): void {
    RED.nodes.createNode(this, def);
    setup(this, def);
  }

  /** Wires one deployed node. */
  function setup(node: SalesforceInNode, def: SalesforceInDef): void {
    const config = migrateConfig(def, []);
    let session: ReadSession | undefined;
    let pg: PgConfigNode | undefined;
    let queue: Promise<void> = Promise.resolve();

    const sf = (): SalesforceConfigNode => salesforceConfig(RED, config.connection);
    if (config.store) {
      pg = RED.nodes.getNode(config.store) as unknown as PgConfigNode | undefined;
      pg?.register(node, () => undefined);
    }
    const cursorStore = (): CursorStore => {
      if (config.store) {
        const cfg = requireConfig<PgConfigNode>(RED, config.store, PG_TYPE);
        return new PgCursorStore(() => cfg.getStore());
      }
      const ctx = node.context();
      return new KeyValueCursorStore({
        get: (k) => new Promise((resolve, reject) => ctx.get(k, (err: Error | undefined, v: unknown) => (err ? reject(err) : resolve(v)))),
        set: (k, v) => new Promise((resolve, reject) => ctx.set(k, v, (err: Error | undefined) => (err ? reject(err) : resolve()))),
      });
    };

    const progress = (s: ReadSession, waiting: boolean): void => {
      const params = { records: s.records, pages: s.pageCount };
      if (s.over) status.ok(node, RED._('salesforce-in.status.done', params));
      else if (s.awaitingAck) status.waiting(node, RED._('salesforce-in.status.lastPage', params));
      else if (waiting) status.waiting(node, RED._('salesforce-in.status.waiting', params));
      else status.busy(node, RED._('salesforce-in.status.reading', params));
    };

    const emit = (msg: Msg, page: PageOut, send: Send): void => {
      const crm = { object: page.object, page: page.page, total: page.totalSize, done: page.done, ...(page.cursor !== undefined ? { cursor: page.cursor } : {}) };
      if (config.output === 'record' && config.mode !== 'describe') {
        page.records.forEach((r, i) => send({ ...msg, payload: r, crm: { ...crm, index: i } } as never));
      } else {
        send({ ...msg, payload: config.mode === 'describe' ? stripAttributes(page.records[0]) : page.records, crm } as never);
      }
    };

    /** Reads one page (pull) or all remaining pages, sending each as it arrives. */
    const pump = async (s: ReadSession, msg: Msg, send: Send): Promise<void> => {
      do {
        progress(s, false);
        const page = await s.next();
        if (!page) break;
        emit(msg, page, send);
        await s.sent(page);
      } while (config.paging === 'all' && !s.finished && session === s);
      progress(s, !s.finished);
      if (s.over && session === s) session = undefined;
    };

    /** Runs a read's next step; a failed read is over (the error goes to the node). */
    const step = async (s: ReadSession, msg: Msg, send: Send): Promise<void> => {
      try {
        await pump(s, msg, send);
      } catch (err) {
        if (session === s) session = undefined;
        throw err;
      }
    };

    const startRead = async (msg: Msg, send: Send): Promise<void> => {
      const req = readRequest(config, msg);
      const client = sf().client();
      const cursor = req.mode === 'delta' ? { store: cursorStore(), node: config.cursorName || node.id, key: req.object } : undefined;
      if (cursor && msg.reset === true) await cursor.store.delete(cursor.node, cursor.key);
      // Commit on msg.next only where there is a cursor (delta) and a msg.next (pull paging).
      const commitOn = cursor && config.paging !== 'all' && config.commit === 'next' ? 'next' : 'sent';
      session = new ReadSession(client, req, cursor, commitOn);
      await step(session, msg, send);
    };

    onInput(
      RED,
      node,
      async (msg: Msg, send) => {
        if (msg.stop === true) {
          await session?.stop();
          session = undefined;
          status.clear(node);
          return;
        }
        if (msg.next === true) {
          const s = session;
          if (!s) return;
          await s.acknowledge();
          if (!s.over) return step(s, msg, send);
          // msg.next after the last page only saved its cursor: the read is over, nothing is sent.
          progress(s, false);
          if (session === s) session = undefined;
          return;
        }
        // Reads that send every page run one after the other; a pull read waits for msg.next, so a second one is refused.
        if (config.paging === 'all') {
          const turn = queue.then(() => startRead(msg, send));
          queue = turn.catch(() => undefined);
          return turn;
        }
        if (session?.awaitingAck) throw new CrmError('SF_AWAITING_NEXT', 'The last page of the previous read waits for msg.next');
        if (session) throw new CrmError('SF_BUSY', 'A read is already running');
        return startRead(msg, send);
      },
      { secrets: secretsOf(RED, config.connection) },
    );

    onClose(node, async () => {
      await session?.stop().catch(() => undefined);
      session = undefined;
      pg?.deregister(node);
      status.clear(node);
    });
  }

  RED.nodes.registerType(TYPE, SalesforceIn as never);
};
