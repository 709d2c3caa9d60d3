/**
 * The connection a crm-pg-config node owns: opened lazily on the first getStore() (migrations run
 * once), shared by every client node, retried on the next call after a failure, and closed only
 * when the clients have deregistered, so a logger can flush its buffer during a redeploy.
 */
import type { Node } from 'node-red';
import { openStore } from '../../connectors/postgres';
import type { PgSettings, PgStore } from '../../connectors/postgres';
import { CrmError, toCrmError } from '../../core/errors';
import type { StateListener, StoreState } from './types';

/** Clients get this long to flush and deregister before the pool closes anyway (Node-RED allows 15 s). */
const CLIENT_GRACE_MS = 12_000;

export class Connection {
  state: StoreState = { state: 'idle' };
  private opening: Promise<PgStore> | undefined;
  private closed = false;
  private readonly clients = new Map<string, StateListener>();
  private allGone: (() => void) | undefined;

  constructor(
    private readonly settings: () => PgSettings,
    private readonly defaultListener: (client: Node) => StateListener,
    private readonly onState: StateListener = () => undefined,
  ) {}

  getStore(): Promise<PgStore> {
    if (this.closed) return Promise.reject(new CrmError('PG_CLOSED', 'The PostgreSQL configuration is closed.'));
    if (!this.opening) {
      const attempt = this.open();
      this.opening = attempt;
      attempt.catch((err: unknown) => {
        // The next call tries again (the server may be back, the password fixed).
        if (this.opening === attempt) this.opening = undefined;
        if (!this.closed) this.setState({ state: 'error', error: toCrmError(err) });
      });
    }
    return this.opening;
  }

  private async open(): Promise<PgStore> {
    this.setState({ state: 'connecting' });
    const store = await openStore(this.settings(), {
      onIdleError: (error) => this.setState({ state: 'error', error }),
      onConnect: () => {
        if (this.state.state === 'error') this.setState({ state: 'connected', target: store.target.text });
      },
    });
    if (this.closed) {
      await store.close();
      throw new CrmError('PG_CLOSED', 'The PostgreSQL configuration is closed.');
    }
    this.setState({ state: 'connected', target: store.target.text });
    return store;
  }

  register(client: Node, listener?: StateListener): void {
    const l = listener ?? this.defaultListener(client);
    this.clients.set(client.id, l);
    if (this.state.state !== 'idle') l(this.state);
  }

  deregister(client: Node): void {
    this.clients.delete(client.id);
    if (this.clients.size === 0) this.allGone?.();
  }

  setState(state: StoreState): void {
    this.state = state;
    this.onState(state);
    for (const listener of this.clients.values()) listener(state);
  }

  /** Waits for the clients (they may still flush through getStore), then closes the pool. */
  async close(): Promise<void> {
    if (this.clients.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLIENT_GRACE_MS);
        this.allGone = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.closed = true;
    const store = await this.opening?.catch(() => undefined);
    this.opening = undefined;
    await store?.close();
    this.setState({ state: 'closed' });
    this.clients.clear();
  }
}
