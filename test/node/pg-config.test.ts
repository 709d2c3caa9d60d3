import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import pg from 'pg';
import { loadMigrations } from '../../src/connectors/postgres/migrations';
import type { PgConfigNode } from '../../src/nodes/pg-config/types';
import { translatedModules } from '../helpers/catalog';
import { closedPort, createTempDatabase, waitFor } from '../helpers/postgres';
import type { TempDatabase } from '../helpers/postgres';
import { helper } from '../helpers/red';

const modules = () => translatedModules(['pg-config', 'pg-logger']);

describe('crm-pg-config', () => {
  let db: TempDatabase;
  before(async () => {
    db = await createTempDatabase();
  });
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
    await db.drop();
  });

  it('opens one shared pool lazily, migrates once and fans connection status out to clients', async () => {
    const flow = [
      { id: 'c1', type: 'crm-pg-config', mode: 'server', host: db.host, port: db.port, database: db.name, user: db.user, poolSize: 2, tls: 'off' },
      { id: 'l1', type: 'crm-pg-logger', store: 'c1', wires: [[], []] },
    ];
    await helper.load(modules() as never, flow, { c1: { password: 'not-needed-with-trust' } });
    const cfg = helper.getNode('c1') as unknown as PgConfigNode;
    assert.equal(cfg.mode, 'server');
    assert.equal(cfg.target, `${db.host}:${db.port}/${db.name}`);
    const [a, b] = await Promise.all([cfg.getStore(), cfg.getStore()]);
    assert.equal(a, b, 'every caller shares one store');
    assert.equal(a.pool.options.max, 2);
    const rows = await a.query<{ id: string }>('SELECT id FROM crm_sync.schema_migrations ORDER BY id');
    assert.deepEqual(rows.rows.map((r) => r.id), loadMigrations().map((m) => m.id), 'every migration applied once');
    assert.equal(cfg.state.state, 'connected');
    const logger = helper.getNode('l1');
    const statuses: Array<{ fill?: string; text?: string }> = [];
    const plain = { id: 'x', status: (s: { fill?: string; text?: string }) => statuses.push(s) };
    cfg.register(plain as never);
    assert.deepEqual(statuses.at(-1), { fill: 'green', shape: 'dot', text: 'connected' });
    cfg.deregister(plain as never);
    assert.ok(logger);
  });

  it('reports a dropped connection on its clients and recovers on the next query', async () => {
    await helper.load(modules() as never, [{ id: 'c1', type: 'crm-pg-config', mode: 'server', host: db.host, port: db.port, database: db.name, user: db.user, poolSize: 1 }]);
    const cfg = helper.getNode('c1') as unknown as PgConfigNode;
    const store = await cfg.getStore();
    const seen: string[] = [];
    cfg.register({ id: 'x' } as never, (s) => seen.push(s.state));
    // The server kills our idle session (as a restart or an admin would).
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'node-red-crm-sync'`, [db.name]);
    } finally {
      await admin.end();
    }
    await waitFor(() => cfg.state.state === 'error', 3000, 'error state');
    assert.equal((cfg.state as { error: { code: string } }).error.code, 'PG_CONNECTION_LOST');
    assert.deepEqual((await store.query<{ n: number }>('SELECT 1 AS n')).rows, [{ n: 1 }]);
    assert.equal(cfg.state.state, 'connected');
    assert.deepEqual(seen.slice(-3), ['connected', 'error', 'connected']);
    cfg.deregister({ id: 'x' } as never);
    const t = Date.now();
    await helper.unload();
    assert.ok(Date.now() - t < 2000, 'closing does not wait for clients that deregistered');
  });

  it('settings that cannot work give a clear PG_CONFIG_INVALID error on getStore and on the client status', async () => {
    const flow = [
      { id: 'c1', type: 'crm-pg-config', mode: 'server', host: '', port: 5432 },
      { id: 'l1', type: 'crm-pg-logger', store: 'c1', wires: [[], []] },
    ];
    await helper.load(modules() as never, flow);
    const cfg = helper.getNode('c1') as unknown as PgConfigNode;
    await assert.rejects(cfg.getStore(), { code: 'PG_CONFIG_INVALID' });
    const logger = helper.getNode('l1') as unknown as { status: { lastCall?: { args: Array<{ fill: string; text: string }> } } };
    const last = await waitFor(() => (logger.status as any).lastCall?.args[0], 2000, 'status');
    assert.equal(last.fill, 'red');
    assert.equal(last.text, "settings incomplete: open the config");
  });

  describe('Test connection endpoint', () => {
    it('tests undeployed settings, reports version and migration state, and never echoes secrets', async () => {
      await helper.load(modules() as never, [{ id: 'c1', type: 'crm-pg-config', mode: 'server', host: db.host, port: db.port, database: db.name, user: db.user }], {
        c1: { password: 'deployed-pw-123' },
      });
      const ok = await helper
        .request()
        .post('/crm-pg-config/test')
        .send({ id: 'c1', mode: 'server', host: db.host, port: String(db.port), database: db.name, user: db.user, password: '__PWRD__', tls: 'off' })
        .expect(200);
      assert.equal(ok.body.ok, true);
      assert.equal(ok.body.target, `${db.host}:${db.port}/${db.name}`);
      assert.match(ok.body.version, /^PostgreSQL \d+/);
      assert.deepEqual(ok.body.migrations.pending.length + ok.body.migrations.applied.length >= 1, true);

      const port = await closedPort();
      const down = await helper
        .request()
        .post('/crm-pg-config/test')
        .send({ mode: 'server', url: `postgres://crm:very-secret-pw@127.0.0.1:${port}/nowhere`, tls: 'off' })
        .expect(200);
      assert.equal(down.body.ok, false);
      assert.equal(down.body.code, 'PG_UNREACHABLE');
      assert.match(down.body.message, new RegExp(`Cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}/nowhere`));
      assert.ok(!JSON.stringify(down.body).includes('very-secret-pw'));

      const missing = await helper.request().post('/crm-pg-config/test').send({ mode: 'server', host: db.host, port: db.port, database: `${db.name}_nope`, user: db.user }).expect(200);
      assert.equal(missing.body.code, 'PG_DATABASE_MISSING');
      assert.match(missing.body.message, /does not exist/);
    });
  });
});
