import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildInsert, describeTarget, errorRowFromMsg, mapPgError, serverPoolConfig, syncRowFromMsg, toJson } from '../../src/connectors/postgres';
import { REDACTED } from '../../src/core/redact';

const ctx = { flowId: 'f1', nodeId: 'n1', now: new Date('2026-01-02T03:04:05Z') };

describe('postgres log rows', () => {
  it('builds a sync_log row from msg.crm with node defaults filling the gaps', () => {
    const row = syncRowFromMsg(
      { payload: { Id: '003A', Email: 'a@b.c' }, crm: { object: 'Contact', recordId: 42, externalId: 'm-7', status: 'FAILED ', message: 'x', durationMs: '12.6' } },
      { direction: 'sf→monday', system: 'salesforce', object: 'Lead', event: 'update', status: 'success' },
      ctx,
    );
    assert.deepEqual(row, {
      time: ctx.now,
      flow_id: 'f1',
      node_id: 'n1',
      direction: 'sf→monday',
      system: 'salesforce',
      object: 'Contact',
      record_id: '42',
      external_id: 'm-7',
      event: 'update',
      status: 'failed',
      message: 'x',
      payload: JSON.stringify({ Id: '003A', Email: 'a@b.c' }),
      duration_ms: 13,
    });
  });

  it('redacts secret-looking keys anywhere in the stored payload', () => {
    const row = syncRowFromMsg({ payload: { user: 'u', password: 'hunter2', nested: [{ access_token: 'abc', ok: 1 }], headers: { Authorization: 'Bearer x' } } }, {}, ctx);
    const stored = JSON.parse(row.payload!);
    assert.deepEqual(stored, { user: 'u', password: REDACTED, nested: [{ access_token: REDACTED, ok: 1 }], headers: { Authorization: REDACTED } });
    assert.ok(!row.payload!.includes('hunter2'));
  });

  it('stores scalars, drops NUL and lone surrogates, and replaces oversized payloads by a preview', () => {
    assert.equal(syncRowFromMsg({ payload: 'plain text' }, {}, ctx).payload, '"plain text"');
    assert.equal(syncRowFromMsg({}, {}, ctx).payload, null);
    assert.equal(syncRowFromMsg({ payload: { a: 1 } }, {}, { ...ctx, includePayload: false }).payload, null);
    assert.equal(toJson({ 'k\u0000': 'a\u0000b\ud800' }), JSON.stringify({ k: 'ab\ufffd' }));
    const big = toJson({ blob: 'x'.repeat(300_000) }, 1000)!;
    const parsed = JSON.parse(big);
    assert.equal(parsed._truncated, true);
    assert.ok(parsed.bytes > 300_000);
    assert.ok(big.length < 2200);
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    assert.deepEqual(JSON.parse(toJson(circular)!), { a: 1, self: '[circular]' });
  });

  it('refuses bad msg.crm fields with a clear INVALID_INPUT', () => {
    assert.throws(() => syncRowFromMsg({ crm: { status: 'ok' } }, {}, ctx), { code: 'INVALID_INPUT', message: /status must be one of success, failed, skipped, got "ok"/ });
    assert.throws(() => syncRowFromMsg({ crm: 'salesforce' }, {}, ctx), { code: 'INVALID_INPUT', message: /msg.crm must be an object/ });
    assert.throws(() => syncRowFromMsg({ crm: { recordId: { id: 1 } } }, {}, ctx), { code: 'INVALID_INPUT', message: /recordId must be a string or a number/ });
    assert.throws(() => syncRowFromMsg({ crm: { durationMs: -5 } }, {}, ctx), { code: 'INVALID_INPUT', message: /durationMs/ });
    assert.equal(syncRowFromMsg({ crm: { durationMs: 1e12 } }, {}, ctx).duration_ms, 2_147_483_647);
  });

  it('builds an error_log row from a Catch node message, without the error or secrets in msg', () => {
    const row = errorRowFromMsg(
      {
        _msgid: 'm1',
        payload: { token: 'secret-token' },
        error: { message: 'Salesforce said no', code: 'SF_AUTH', stack: 'Error: Salesforce said no\n at x', source: { id: 'sf1', type: 'crm-salesforce-out', name: 'upsert', count: 1 } },
      },
      ctx,
    );
    assert.equal(row.node_id, 'sf1');
    assert.equal(row.node_type, 'crm-salesforce-out');
    assert.equal(row.node_name, 'upsert');
    assert.equal(row.flow_id, 'f1');
    assert.equal(row.error_code, 'SF_AUTH');
    assert.equal(row.message, 'Salesforce said no');
    assert.match(row.stack!, /at x/);
    assert.deepEqual(JSON.parse(row.msg!), { _msgid: 'm1', payload: { token: REDACTED } });
    // Error mode without msg.error: the payload is the message.
    assert.equal(errorRowFromMsg({ payload: 'disk full' }, ctx).message, 'disk full');
    assert.equal(errorRowFromMsg({ payload: { message: 'boom' } }, ctx).message, 'boom');
    assert.match(errorRowFromMsg({ error: {} }, ctx).message, /Unknown error/);
  });

  it('writes a batch as one parameterised multi-row INSERT', () => {
    const a = syncRowFromMsg({ crm: { recordId: "1'; DROP TABLE x; --" } }, {}, ctx);
    const b = syncRowFromMsg({ crm: { recordId: '2' } }, {}, ctx);
    const { text, values } = buildInsert('sync_log', [a, b]);
    assert.match(text, /^INSERT INTO crm_sync\.sync_log \(time, flow_id/);
    assert.match(text, /\(\$1, \$2, .*\$12::jsonb, \$13\), \(\$14,/);
    assert.equal(values.length, 26);
    assert.ok(!text.includes('DROP TABLE'));
    assert.throws(() => buildInsert('sync_log', []), RangeError);
  });
});

describe('postgres settings and error mapping', () => {
  const secretUrl = 'postgres://crm:s3cr3t-pw@db.example.com:6543/crm';

  it('describes the target as host:port/db and never includes the password', () => {
    const t = describeTarget({ kind: 'server', url: secretUrl });
    assert.deepEqual(t, { host: 'db.example.com', port: 6543, database: 'crm', user: 'crm', text: 'db.example.com:6543/crm' });
    assert.equal(describeTarget({ kind: 'server', host: 'h', user: 'u' }).text, 'h:5432/u');
  });

  it('maps TLS modes and rejects bad settings with PG_CONFIG_INVALID', () => {
    assert.equal(serverPoolConfig({ kind: 'server', host: 'h' }).ssl, undefined);
    assert.deepEqual(serverPoolConfig({ kind: 'server', host: 'h', tls: 'require' }).ssl, { rejectUnauthorized: false });
    assert.deepEqual(serverPoolConfig({ kind: 'server', host: 'h', tls: 'verify', ca: 'PEM' }).ssl, { rejectUnauthorized: true, ca: 'PEM' });
    assert.throws(() => serverPoolConfig({ kind: 'server' }), { code: 'PG_CONFIG_INVALID' });
    assert.throws(() => serverPoolConfig({ kind: 'server', host: 'h', poolSize: 0 }), { code: 'PG_CONFIG_INVALID' });
    assert.throws(
      () => serverPoolConfig({ kind: 'server', url: 'mysql://u:s3cr3t-pw@h/db' }),
      (err: Error) => !err.message.includes('s3cr3t-pw') && /not valid/.test(err.message),
    );
  });

  it('maps network, auth, database and data errors to codes with retry hints', () => {
    const t = describeTarget({ kind: 'server', url: secretUrl });
    const refused = mapPgError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:6543'), { code: 'ECONNREFUSED' }), t);
    assert.equal(refused.code, 'PG_UNREACHABLE');
    assert.equal(refused.retryable, true);
    assert.equal(refused.params.target, 'db.example.com:6543/crm');
    const agg = Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], ''), {});
    assert.equal(mapPgError(agg, t).code, 'PG_UNREACHABLE');
    const auth = mapPgError(Object.assign(new Error('password authentication failed for user "crm"'), { code: '28P01' }), t);
    assert.deepEqual([auth.code, auth.retryable], ['PG_AUTH_FAILED', false]);
    const hba = mapPgError(Object.assign(new Error('no pg_hba.conf entry for host "1.2.3.4", user "crm", database "crm", SSL off'), { code: '28000' }), t);
    assert.equal(hba.code, 'PG_AUTH_FAILED');
    assert.equal(mapPgError(Object.assign(new Error('database "crm" does not exist'), { code: '3D000' }), t).code, 'PG_DATABASE_MISSING');
    assert.equal(mapPgError(new Error('The server does not support SSL connections'), t).code, 'PG_TLS_FAILED');
    assert.equal(mapPgError(new Error('Connection terminated unexpectedly'), t).retryable, true);
    const data = mapPgError(Object.assign(new Error('value too long'), { code: '22001' }), t);
    assert.deepEqual([data.code, data.retryable, data.details.sqlstate], ['PG_QUERY_FAILED', false, '22001']);
    for (const e of [refused, auth, hba, data]) assert.ok(!JSON.stringify({ m: e.message, p: e.params }).includes('s3cr3t-pw'));
  });
});
