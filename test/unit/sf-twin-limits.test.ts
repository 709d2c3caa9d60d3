import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oauthConnection, raw, startTwin, twinSuite } from '../helpers/sf-twin';

describe('salesforce twin: limits, stats and faults', () => {
  const env = twinSuite();

  it('every REST response carries Sforce-Limit-Info, errors included, and /limits agrees', async () => {
    env.twin.resetStats();
    const ok = await raw(env.twin, env.conn, '/sobjects');
    assert.equal(ok.headers.get('sforce-limit-info'), 'api-usage=1/15000');
    const bad = await raw(env.twin, env.conn, `/query?q=${encodeURIComponent('SELECT Nope FROM Lead')}`);
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('sforce-limit-info'), 'api-usage=2/15000');
    const limits = await env.conn.request<any>('/limits');
    assert.deepEqual(limits.DailyApiRequests, { Max: 15000, Remaining: 15000 - 3 });
    assert.deepEqual(env.conn.limitInfo.apiUsage, { used: 3, limit: 15000 });
  });

  it('once the daily allocation is spent, calls get 403 REQUEST_LIMIT_EXCEEDED', async () => {
    const small = await startTwin({ dailyApiLimit: 3 });
    try {
      const c = await oauthConnection(small);
      for (let i = 0; i < 3; i++) await c.query('SELECT Id FROM User');
      await assert.rejects(async () => c.query('SELECT Id FROM User'), (e: any) => e.errorCode === 'REQUEST_LIMIT_EXCEEDED' && e.message === 'TotalRequests Limit exceeded.');
      const res = await raw(small, c, '/limits');
      assert.equal(res.status, 403);
      assert.equal(res.headers.get('sforce-limit-info'), 'api-usage=3/3');
    } finally {
      await small.stop();
    }
  });

  it('counts requests per API family on the handle and at GET /__twin/stats', async () => {
    await fetch(`${env.twin.info.url}/__twin/stats`, { method: 'DELETE' });
    await env.conn.query('SELECT Id FROM User');
    await env.conn.sobject('Lead').create({ LastName: 'S', Company: 'C' });
    await env.conn.sobject('Lead').create([{ LastName: 'S1', Company: 'C' }, { LastName: 'S2', Company: 'C' }]);
    await env.conn.describeGlobal();
    const stats = (await (await fetch(`${env.twin.info.url}/__twin/stats`)).json()) as any;
    assert.deepEqual(
      { query: stats.requests.query, sobject: stats.requests.sobject, collections: stats.requests.collections, describe: stats.requests.describe },
      { query: 1, sobject: 1, collections: 1, describe: 1 },
    );
    assert.equal(stats.apiUsage.used, 4);
    assert.deepEqual(env.twin.stats().requests, stats.requests);
  });

  it('scripted faults: 503, UNABLE_TO_LOCK_ROW on writes, dropped connections and latency, in order', async () => {
    const put = await fetch(`${env.twin.info.url}/__twin/faults`, {
      method: 'PUT',
      body: JSON.stringify({ script: [{ kind: 'error', status: 503, family: 'query', times: 2 }, { kind: 'lock', family: 'sobject' }, { kind: 'drop', family: 'limits' }, { kind: 'latency', ms: 150, family: 'describe' }] }),
    });
    assert.equal(put.status, 200);
    env.twin.resetStats();
    const res = await raw(env.twin, env.conn, `/query?q=${encodeURIComponent('SELECT Id FROM User')}`);
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), [{ message: 'Server temporarily unavailable', errorCode: 'SERVER_UNAVAILABLE' }]);
    // jsforce retries a GET that got a 503; the second scripted 503 is absorbed the same way.
    assert.equal((await env.conn.query('SELECT Id FROM User')).totalSize, 1);
    assert.equal(env.twin.stats().requests.query, 3);
    await assert.rejects(env.conn.sobject('Lead').create({ LastName: 'L', Company: 'C' }), (e: any) => e.errorCode === 'UNABLE_TO_LOCK_ROW');
    await assert.rejects(raw(env.twin, env.conn, '/limits'), /fetch failed/);
    const t0 = Date.now();
    await env.conn.describeGlobal();
    assert.ok(Date.now() - t0 >= 140);
    assert.deepEqual(env.twin.stats().faults, { SERVER_UNAVAILABLE: 2, UNABLE_TO_LOCK_ROW: 1, drop: 1 });
    const left = (await (await fetch(`${env.twin.info.url}/__twin/faults`)).json()) as any;
    assert.deepEqual(left.script, []);
  });

  it('refuses malformed fault options and clock values with 400', async () => {
    const put = (path: string, body: unknown) => fetch(`${env.twin.info.url}/__twin/${path}`, { method: 'PUT', body: JSON.stringify(body) });
    for (const bad of [{ errorRate: 2 }, { lockrate: 0.5 }, { script: [{ kind: 'boom' }] }, { families: ['nope'] }]) {
      const res = await put('faults', bad);
      assert.equal(res.status, 400, JSON.stringify(bad));
      assert.equal(((await res.json()) as any)[0].errorCode, 'INVALID_INPUT');
    }
    assert.equal((await put('clock', { now: 'yesterday-ish' })).status, 400);
  });

  it('auth faults happen only when asked for by family', async () => {
    env.twin.setFaults({ errorRate: 1 });
    const { loginUrl, clientId, clientSecret, username, password, securityToken } = env.twin.info;
    const body = new URLSearchParams({ grant_type: 'password', client_id: clientId, client_secret: clientSecret, username, password: password + securityToken });
    assert.equal((await fetch(`${loginUrl}/services/oauth2/token`, { method: 'POST', body })).status, 200);
    env.twin.setFaults({ script: [{ kind: 'error', status: 503, family: 'auth' }] });
    assert.equal((await fetch(`${loginUrl}/services/oauth2/token`, { method: 'POST', body })).status, 503);
    assert.equal((await fetch(`${loginUrl}/services/oauth2/token`, { method: 'POST', body })).status, 200);
    env.twin.setFaults({});
  });

  it('random fault rates repeat exactly for the same seed', async () => {
    const outcomes = async (seed: number) => {
      env.twin.setFaults({ seed, errorRate: 0.3, lockRate: 0.3 });
      const out: string[] = [];
      for (let i = 0; i < 25; i++) {
        const res = await raw(env.twin, env.conn, '/sobjects/Lead', { method: 'POST', body: JSON.stringify({ LastName: `F${i}`, Company: 'C' }) });
        out.push(res.status === 201 ? 'ok' : ((await res.json()) as any)[0].errorCode);
      }
      env.twin.setFaults({});
      return out;
    };
    const a = await outcomes(7);
    const b = await outcomes(7);
    const c = await outcomes(8);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    assert.ok(a.includes('ok') && a.some((x) => x === 'UNABLE_TO_LOCK_ROW') && a.some((x) => x === 'UNKNOWN_EXCEPTION' || x === 'SERVER_UNAVAILABLE'));
  });
});
