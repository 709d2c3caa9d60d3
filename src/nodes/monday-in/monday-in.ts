/**
 * crm-monday-in: "read board" pages a board's items out on input (one message per page, bounded
 * memory); "webhook" listens on Node-RED's HTTP server for monday's events and emits each once,
 * normalized. The webhook route is removed again on close.
 */
import { boardIdFor } from '../monday-config/board-id';
import type { MondayConfigNode } from '../monday-config/types';
import { migrateConfig } from '../shared/migrate';
import { onClose, onInput, requireConfig, status } from '../shared/runtime';
import type { Msg, RED } from '../shared/runtime';
import { readBoard } from './read-board';
import type { MondayInDef, MondayInNode } from './types';
import { manageWebhooks } from './webhook-manager';
import { webhookHandler } from './webhook-route';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

export = function register(RED: RED): void {
  function MondayIn(this: MondayInNode, def: MondayInDef): void {
    RED.nodes.createNode(this, def);
    const config = migrateConfig(def, []);
    const account = RED.nodes.getNode(config.account) as unknown as MondayConfigNode | null;
    account?.register(this);
    const secrets = () => [account?.token(), account?.signingSecret(), this.credentials?.urlToken];

    if (config.mode === 'webhook') {
      const path = `/${String(config.path ?? '').replace(/^\/+/, '')}`;
      const signingSecret = account?.signingSecret();
      const urlToken = this.credentials?.urlToken?.trim() || undefined;
      if (path === '/' || (!signingSecret && !urlToken)) {
        status.error(this, RED._('monday-in.status.notConfigured'));
        this.error(RED._('monday-in.errors.webhookConfig'));
      } else {
        let received = 0;
        const managed = config.manageWebhooks ? manageWebhooks(RED, this, config, account, path, urlToken) : undefined;
        const handler = webhookHandler({
          signingSecret, urlToken, audience: config.publicUrl?.trim() || managed?.url,
          onEvent: (event, raw) => {
            received += 1;
            status.ok(this, RED._('monday-in.status.event', { event: event.event, count: received }));
            this.send({ payload: event.value ?? null, topic: `monday/${event.boardId ?? ''}/${event.event}`, crm: { system: 'monday', ...event }, monday: raw } as never);
          },
          onRejected: (reason) => {
            status.waiting(this, RED._('monday-in.status.rejected'));
            this.warn(RED._('monday-in.warn.rejected', { reason }));
          },
        });
        RED.httpNode.post(path, handler);
        if (!config.manageWebhooks) status.ok(this, RED._('monday-in.status.listening', { path }));
        onClose(this, async (removed) => {
          await managed?.close(removed);
          // As core http-in does: drop our route from the router so a redeploy can add it again.
          // Express 4 keeps the router in `_router` (Node-RED 4), Express 5 in `router` (Node-RED 5).
          const app = RED.httpNode as unknown as { _router?: { stack: Layer[] }; router?: { stack: Layer[] } };
          const router = app._router ?? app.router;
          if (router) router.stack = router.stack.filter((l) => !(l.route && l.route.path === path && l.route.methods.post));
        });
      }
    }

    onInput(RED, this, async (msg: Msg, send) => {
      if (config.mode === 'webhook') return;
      const cfg = requireConfig<MondayConfigNode>(RED, config.account, 'crm-monday-config');
      const boardId = boardIdFor(msg, config.boardId);
      const groupId = typeof msg.groupId === 'string' && msg.groupId ? msg.groupId : config.groupId || undefined;
      const queryParams = msg.queryParams && typeof msg.queryParams === 'object' ? (msg.queryParams as Record<string, unknown>) : undefined;
      const limit = Number(config.pageSize) || 500;
      status.busy(this, RED._('monday-in.status.reading', { boardId }));
      const { total, pages } = await readBoard(cfg.client(), boardId, { groupId, queryParams, limit }, (page, board) => {
        send({ ...msg, _msgid: RED.util.generateId(), payload: page.items, crm: { system: 'monday', boardId, boardName: board.name, groupId, page: page.page, last: page.last, count: page.items.length, total: page.total, columns: board.columns.map((c) => ({ id: c.id, title: c.title, type: c.type })) } } as Msg);
        status.busy(this, RED._('monday-in.status.progress', { count: page.total, page: page.page }));
      });
      status.ok(this, RED._('monday-in.status.done', { count: total, pages }));
    }, { secrets });

    onClose(this, () => {
      account?.deregister(this);
    });
  }
  RED.nodes.registerType('crm-monday-in', MondayIn as never, { credentials: { urlToken: { type: 'password' } } });
};
