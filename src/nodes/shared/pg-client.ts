/**
 * A data node's side of a crm-pg-config (dedupe index, conflict snapshots): registered for the
 * node's lifetime, so the config node keeps its pool open until the node's last query has finished,
 * and connection problems show on the node while its own status (ready, counts) comes back once the
 * database does.
 */
import type { Node } from 'node-red';
import type { PgStore } from '../../connectors/postgres';
import { TYPE } from '../pg-config/types';
import type { PgConfigNode, StoreState } from '../pg-config/types';
import { requireConfig, status } from './runtime';
import type { RED } from './runtime';

export class PgClient {
  private own: () => void = () => undefined;
  private released = false;

  private constructor(
    private readonly RED: RED,
    private readonly node: Node,
    private readonly cfg: PgConfigNode,
  ) {}

  /** Registers `node` with the selected crm-pg-config; throws CONFIG_MISSING when there is none. */
  static attach(RED: RED, node: Node, configId: string | undefined): PgClient {
    const client = new PgClient(RED, node, requireConfig<PgConfigNode>(RED, configId, TYPE));
    client.cfg.register(node, (state) => client.onState(state));
    // Connect at deploy, so a wrong configuration shows at once rather than at the first message.
    client.cfg.getStore().catch(() => undefined);
    return client;
  }

  getStore(): Promise<PgStore> {
    return this.cfg.getStore();
  }

  /** Shows the node's own status and keeps it for when a connection problem is over. */
  show(apply: () => void): void {
    this.own = apply;
    if (this.cfg.state.state !== 'error') apply();
  }

  /** From the close handler, after the node's last query: the config node may close its pool. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.cfg.deregister(this.node);
  }

  private onState(state: StoreState): void {
    if (state.state === 'connecting') status.waiting(this.node, this.RED._('common.pgClient.connecting'));
    else if (state.state === 'connected') this.own();
    else if (state.state === 'error') status.error(this.node, this.cfg.statusText(state.error));
  }
}
