import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SalesforceClient } from '../../src/connectors/salesforce';
import type { SalesforceAuth } from '../../src/connectors/salesforce';
import { startSalesforceTwin } from '../../src/sandbox/salesforce';
import type { SalesforceTwinHandle } from '../../src/sandbox/salesforce';

describe('salesforce connector: auth flows against the twin', () => {
  let twin: SalesforceTwinHandle;
  let refreshToken = '';
  before(async () => {
    twin = await startSalesforceTwin({ seed: { leads: 5 } });
    // A refresh token as a web-server login would leave it: from the password grant of a connected app with refresh scope.
    const res = await fetch(`${twin.info.loginUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: twin.info.username, password: twin.info.password + twin.info.securityToken, client_id: twin.info.clientId, client_secret: twin.info.clientSecret }),
    });
    refreshToken = ((await res.json()) as { refresh_token?: string }).refresh_token ?? '';
  });
  after(() => twin.stop());

  const methods = (): Record<string, SalesforceAuth> => {
    const i = twin.info;
    return {
      'password (SOAP)': { method: 'password', loginUrl: i.loginUrl, username: i.username, password: i.password, securityToken: i.securityToken },
      'password (OAuth grant)': { method: 'password', loginUrl: i.loginUrl, username: i.username, password: i.password, securityToken: i.securityToken, clientId: i.clientId, clientSecret: i.clientSecret },
      'refresh token': { method: 'refreshToken', loginUrl: i.loginUrl, clientId: i.clientId, clientSecret: i.clientSecret, refreshToken },
      'JWT bearer': { method: 'jwt', loginUrl: i.loginUrl, clientId: i.clientId, username: i.username, privateKey: i.privateKey },
      'client credentials': { method: 'clientCredentials', loginUrl: `${i.loginUrl}/`, clientId: i.clientId, clientSecret: i.clientSecret },
    };
  };

  for (const name of ['password (SOAP)', 'password (OAuth grant)', 'refresh token', 'JWT bearer', 'client credentials']) {
    it(`${name}: logs in once, and renews an expired session transparently`, async () => {
      const client = new SalesforceClient({ auth: methods()[name], apiVersion: '62.0' });
      twin.resetStats();
      const who = await client.whoAmI();
      assert.equal(who.organizationId, twin.info.organizationId);
      assert.ok(who.apiUsage && who.apiUsage.limit === 15000);
      const authCalls = twin.stats().requests.auth;
      assert.equal(authCalls, 1, 'one login');
      await client.call(async (c) => c.query('SELECT Id FROM Lead'));
      assert.equal(twin.stats().requests.auth, 1, 'no login per call');
      twin.expireSessions();
      const res = await client.call(async (c) => c.query<{ Id: string }>('SELECT Id FROM Lead'));
      assert.equal(res.totalSize, 5);
      assert.equal(twin.stats().requests.auth, 2, 'one renewal');
      assert.equal(twin.stats().rejectedSessions, 1);
      await client.close();
    });
  }

  it('wrong credentials give SF_AUTH_FAILED, missing ones SF_AUTH_INCOMPLETE, a dead host SF_UNREACHABLE', async () => {
    const i = twin.info;
    await assert.rejects(new SalesforceClient({ auth: { method: 'password', loginUrl: i.loginUrl, username: i.username, password: 'nope' } }).whoAmI(), { code: 'SF_AUTH_FAILED' });
    await assert.rejects(new SalesforceClient({ auth: { method: 'clientCredentials', loginUrl: i.loginUrl, clientId: i.clientId, clientSecret: 'bad' } }).whoAmI(), { code: 'SF_AUTH_FAILED' });
    await assert.rejects(new SalesforceClient({ auth: { method: 'jwt', loginUrl: i.loginUrl, clientId: i.clientId, username: i.username } }).whoAmI(), { code: 'SF_AUTH_INCOMPLETE' });
    await assert.rejects(new SalesforceClient({ auth: { method: 'jwt', loginUrl: i.loginUrl, clientId: i.clientId, username: i.username, privateKey: 'garbage' } }).whoAmI(), { code: 'SF_BAD_PRIVATE_KEY' });
    await assert.rejects(new SalesforceClient({ auth: { method: 'password', loginUrl: 'http://127.0.0.1:9', username: 'u', password: 'p' }, maxAttempts: 1 }).whoAmI(), { code: 'SF_UNREACHABLE' });
  });

  it('a revoked refresh token turns into SF_AUTH_FAILED when the session must be renewed', async () => {
    const client = new SalesforceClient({ auth: methods()['refresh token'] });
    await client.whoAmI();
    await fetch(`${twin.info.loginUrl}/services/oauth2/revoke`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: refreshToken }) });
    twin.expireSessions();
    await assert.rejects(client.call(async (c) => c.query('SELECT Id FROM Lead')), { code: 'SF_AUTH_FAILED', message: /expired access\/refresh token/ });
  });
});
