/**
 * crm-pg-config: where the crm_sync tables live. Either a PostgreSQL server or, with no server
 * configured, the embedded PostgreSQL (PGlite) in the Node-RED user directory. Owns the pool that
 * every pg client node shares (see types.ts for the client API) and runs the migrations once.
 */
import type { Node } from 'node-red';
import { describeTarget } from '../../connectors/postgres';
import { toCrmError } from '../../core/errors';
import { redactText } from '../../core/redact';
import { migrateConfig } from '../shared/migrate';
import { localizeError, onClose, status } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import { registerAdmin } from './admin';
import { Connection } from './connection';
import { resolveMode, secretsOf, toSettings } from './settings';
import { TYPE } from './types';
import type { PgConfigDef, PgConfigNode, PgCredentials, StateListener, StoreState } from './types';

export = function register(RED: RED): void {
  function PgConfig(this: PgConfigNode & { mode: string; target: string }, def: PgConfigDef): void {
    RED.nodes.createNode(this, def);
    const config = migrateConfig(def, []);
    const creds = (): PgCredentials => this.credentials ?? {};
    const describe = (err: unknown): string => localizeError(RED, err, secretsOf(creds())).message;
    const statusText = (err: unknown): string => {
      const e = toCrmError(err);
      const key = `common.pgStatus.${e.code}`;
      const text = RED._(key, e.params as Record<string, string>);
      return text && text !== key ? redactText(text, secretsOf(creds())) : describe(e);
    };
    let lastLogged = '';
    const settings = () => toSettings(config, creds(), RED.settings.userDir as string | undefined);

    const defaultListener =
      (client: Node): StateListener =>
      (s: StoreState) => {
        if (s.state === 'connecting') status.waiting(client, RED._('pg-config.status.connecting'));
        else if (s.state === 'connected') status.ok(client, RED._('pg-config.status.connected'));
        else if (s.state === 'error') status.error(client, statusText(s.error));
        else if (s.state === 'closed') status.clear(client);
      };
    const connection = new Connection(settings, defaultListener, (state) => {
      // The full, actionable text goes to the log once per distinct problem; statuses stay short.
      if (state.state === 'connected') lastLogged = '';
      if (state.state !== 'error') return;
      const text = describe(state.error);
      if (text !== lastLogged) this.error(text);
      lastLogged = text;
    });

    this.mode = resolveMode(config, creds());
    try {
      this.target = describeTarget(settings()).text;
    } catch (err) {
      this.target = '?';
      lastLogged = describe(err);
      this.error(lastLogged);
    }
    Object.defineProperty(this, 'state', { get: () => connection.state });
    this.getStore = () => connection.getStore();
    this.register = (client, listener) => connection.register(client, listener);
    this.deregister = (client) => connection.deregister(client);
    this.describeError = describe;
    this.statusText = statusText;

    onClose(this, () => connection.close());
  }

  RED.nodes.registerType(TYPE, PgConfig as never, {
    credentials: { password: { type: 'password' }, url: { type: 'password' } },
  });
  registerAdmin(RED);
};
