/**
 * crm-monday-out: writes items to a monday board (create, change columns, rename, delete, archive,
 * post an update). Many items go per request as aliases, paced by the account's complexity budget;
 * every item comes out again: results on output 1, failures (with monday's code) on output 2.
 */
import { runWrites } from '../../connectors/monday';
import { boardIdFor } from '../monday-config/board-id';
import type { MondayConfigNode } from '../monday-config/types';
import { migrateConfig } from '../shared/migrate';
import { localizeError, onClose, onInput, requireConfig, status } from '../shared/runtime';
import type { Msg, RED } from '../shared/runtime';
import { buildOp, OPERATIONS, type Built, type Operation } from './build-ops';
import type { MondayOutDef, MondayOutNode } from './types';

export = function register(RED: RED): void {
  function MondayOut(this: MondayOutNode, def: MondayOutDef): void {
    RED.nodes.createNode(this, def);
    const config = migrateConfig(def, []);
    const account = RED.nodes.getNode(config.account) as unknown as MondayConfigNode | null;
    account?.register(this);
    const secrets = () => [account?.token(), account?.signingSecret()];

    onInput(RED, this, async (msg: Msg, send) => {
      const cfg = requireConfig<MondayConfigNode>(RED, config.account, 'crm-monday-config');
      const operation = (typeof msg.operation === 'string' && OPERATIONS.includes(msg.operation as Operation) ? msg.operation : config.operation) as Operation;
      const boardId = boardIdFor(msg, config.boardId);
      const inputs: unknown[] = Array.isArray(msg.payload) ? msg.payload : [msg.payload];
      if (inputs.length === 0) return;
      const client = cfg.client();
      status.busy(this, RED._('monday-out.status.preparing', { total: inputs.length }));
      const board = await client.board(boardId);
      const built: Built[] = inputs.map((input) => buildOp(board, input, { operation, groupId: config.groupId || undefined, createLabels: config.createLabels === true }));
      const ready = built.flatMap((b, i) => (b.ok ? [{ index: i, op: b.op }] : []));
      const { results, fatal } = await runWrites(client, ready.map((r) => r.op), (p) =>
        status.busy(this, RED._('monday-out.status.progress', { done: p.done, total: p.total, failed: p.failed })),
      );
      const ok: Msg[] = [];
      const failed: Msg[] = [];
      const crm = (index: number) => ({ system: 'monday', operation, boardId, index, count: inputs.length });
      const fail = (index: number, err: unknown, sent: boolean) => {
        const e = localizeError(RED, err, secrets());
        failed.push({ ...msg, _msgid: RED.util.generateId(), payload: inputs[index], error: { code: e.code, message: e.message, mondayCode: e.details.mondayCode, sent, details: e.details }, crm: crm(index) } as Msg);
      };
      built.forEach((b, i) => {
        if (!b.ok) fail(i, b.error, false);
      });
      ready.forEach((r, j) => {
        const res = results[j];
        if (res.ok) ok.push({ ...msg, _msgid: RED.util.generateId(), payload: { ...res.data, input: inputs[r.index] }, crm: crm(r.index) } as Msg);
        else fail(r.index, res.error, res.sent);
      });
      failed.sort((a, b) => (a.crm as { index: number }).index - (b.crm as { index: number }).index);
      send([ok, failed]);
      const summary = RED._('monday-out.status.done', { ok: ok.length, failed: failed.length });
      if (fatal) throw fatal;
      if (failed.length > 0) status.waiting(this, summary);
      else status.ok(this, summary);
    }, { secrets });

    onClose(this, () => {
      account?.deregister(this);
    });
  }
  RED.nodes.registerType('crm-monday-out', MondayOut as never);
};
