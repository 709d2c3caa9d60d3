import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Connection } from 'jsforce';
import type { SalesforceTwinHandle } from '../../src/sandbox/salesforce';
import { VERSION, jwtAssertion, oauthConnection, raw, soapConnection, startTwin } from '../helpers/sf-twin';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

describe('salesforce twin: auth', () => {
  let twin: SalesforceTwinHandle;
  before(async () => {
    twin = await startTwin();
  });
  after(async () => {
    await twin.stop();
  });

  it('SOAP login returns a session on the twin and the REST API accepts it', async () => {
    const conn = await soapConnection(twin);
    assert.equal(conn.instanceUrl, twin.info.url);
    assert.equal(conn.userInfo?.id, twin.info.userId);
    assert.equal(conn.userInfo?.organizationId, twin.info.organizationId);
    const res = await conn.query<{ Username: string }>('SELECT Username FROM User');
    assert.deepEqual(res.records.map((r) => r.Username), [twin.info.username]);
    assert.equal(conn.limitInfo.apiUsage?.limit, 15000);
    assert.ok((conn.limitInfo.apiUsage?.used ?? 0) >= 1);
  });

  it('SOAP login with a wrong password (or without the security token) is an INVALID_LOGIN fault', async () => {
    const conn = new Connection({ loginUrl: twin.info.loginUrl, version: VERSION, logLevel: 'FATAL' });
    await assert.rejects(conn.login(twin.info.username, 'nope'), /^Error: INVALID_LOGIN: Invalid username, password, security token; or user locked out\.$/);
    await assert.rejects(conn.login(twin.info.username, twin.info.password), /INVALID_LOGIN/);
    const res = await fetch(`${twin.info.url}/services/Soap/u/${VERSION}`, { method: 'POST', headers: { 'Content-Type': 'text/xml', SOAPAction: '""' }, body: '<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Body><login xmlns="urn:partner.soap.sforce.com"><username>x</username><password>y</password></login></se:Body></se:Envelope>' });
    assert.equal(res.status, 500);
    assert.match(res.headers.get('content-type') ?? '', /^text\/xml/);
    assert.match(await res.text(), /<faultcode>sf:INVALID_LOGIN<\/faultcode>/);
  });

  it('OAuth password grant issues access and refresh tokens with the documented response', async () => {
    const body = new URLSearchParams({ grant_type: 'password', client_id: twin.info.clientId, client_secret: twin.info.clientSecret, username: twin.info.username, password: twin.info.password + twin.info.securityToken });
    const res = await fetch(`${twin.info.loginUrl}/services/oauth2/token`, { method: 'POST', body });
    assert.equal(res.status, 200);
    const json = (await res.json()) as Record<string, string>;
    assert.deepEqual(Object.keys(json).sort(), ['access_token', 'id', 'instance_url', 'issued_at', 'refresh_token', 'scope', 'signature', 'token_type']);
    assert.equal(json.token_type, 'Bearer');
    assert.equal(json.instance_url, twin.info.url);
    assert.ok(json.id.endsWith(`/id/${twin.info.organizationId}/${twin.info.userId}`));
    assert.match(json.issued_at, /^\d{13}$/);

    const conn = await oauthConnection(twin);
    const id = await conn.identity();
    assert.equal(id.username, twin.info.username);
  });

  it('OAuth errors are 400 {error, error_description}', async () => {
    const post = (params: Record<string, string>) => fetch(`${twin.info.loginUrl}/services/oauth2/token`, { method: 'POST', body: new URLSearchParams(params) });
    const bad = await post({ grant_type: 'password', client_id: twin.info.clientId, client_secret: twin.info.clientSecret, username: twin.info.username, password: 'wrong' });
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), { error: 'invalid_grant', error_description: 'authentication failure' });
    const secret = await post({ grant_type: 'client_credentials', client_id: twin.info.clientId, client_secret: 'wrong' });
    assert.deepEqual(await secret.json(), { error: 'invalid_client', error_description: 'invalid client credentials' });
    const rt = await post({ grant_type: 'refresh_token', client_id: twin.info.clientId, refresh_token: 'nope' });
    assert.deepEqual(await rt.json(), { error: 'invalid_grant', error_description: 'expired access/refresh token' });
    const conn = new Connection({ oauth2: { loginUrl: twin.info.loginUrl, clientId: twin.info.clientId, clientSecret: twin.info.clientSecret }, version: VERSION });
    await assert.rejects(conn.login(twin.info.username, 'wrong'), /invalid_grant: authentication failure/);
  });

  it('an expired session answers 401 INVALID_SESSION_ID and jsforce refreshes with its refresh token transparently', async () => {
    const { loginUrl, clientId, clientSecret, username, password, securityToken } = twin.info;
    const conn = new Connection({ oauth2: { loginUrl, clientId, clientSecret }, version: VERSION });
    await conn.authorize({ grant_type: 'password', username, password: password + securityToken });
    assert.ok(conn.refreshToken, 'the password grant returns a refresh token');
    const oldToken = conn.accessToken;
    twin.expireSessions();
    const res = await raw(twin, conn, '/limits');
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    let refreshed = 0;
    conn.on('refresh', () => refreshed++);
    const [a, b] = await Promise.all([conn.query('SELECT Id FROM User'), conn.query('SELECT Id FROM User')]);
    assert.equal(a.totalSize, 1);
    assert.equal(b.totalSize, 1);
    assert.equal(refreshed, 1, 'concurrent requests share one refresh');
    assert.notEqual(conn.accessToken, oldToken);
  });

  it('OAuth logins made with login() refresh too', async () => {
    const conn = await oauthConnection(twin);
    twin.expireSessions();
    assert.equal((await conn.query('SELECT Id FROM User')).totalSize, 1);
  });

  it('SOAP sessions refresh by logging in again', async () => {
    const conn = await soapConnection(twin);
    twin.expireSessions();
    const res = await conn.query('SELECT Id FROM User');
    assert.equal(res.totalSize, 1);
  });

  it('JWT bearer grant: a valid assertion logs in; a refreshFn re-running the grant refreshes', async () => {
    const conn = new Connection({
      oauth2: { loginUrl: twin.info.loginUrl },
      version: VERSION,
      refreshFn: (c, callback) => {
        jwtAssertion(twin)
          .then((assertion) => c.oauth2.requestToken({ grant_type: JWT_GRANT, assertion }))
          .then((r) => callback(undefined, r.access_token, r), (e: Error) => callback(e));
      },
    });
    const userInfo = await conn.authorize({ grant_type: JWT_GRANT, assertion: await jwtAssertion(twin) });
    assert.equal(userInfo.id, twin.info.userId);
    assert.equal(conn.refreshToken, undefined, 'JWT responses carry no refresh token');
    twin.expireSessions();
    let refreshed = 0;
    conn.on('refresh', () => refreshed++);
    assert.equal((await conn.query('SELECT Id FROM User')).totalSize, 1);
    assert.equal(refreshed, 1);
  });

  it('JWT bearer grant rejects wrong issuer, subject, audience, key and expired assertions', async () => {
    const post = async (assertion: string) => {
      const res = await fetch(`${twin.info.loginUrl}/services/oauth2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: JWT_GRANT, assertion }) });
      assert.equal(res.status, 400);
      return (await res.json()) as { error: string; error_description: string };
    };
    assert.equal((await post(await jwtAssertion(twin, { iss: 'other-client' }))).error, 'invalid_client_id');
    assert.equal((await post(await jwtAssertion(twin, { sub: 'someone@else.example' }))).error_description, "user hasn't approved this consumer");
    assert.equal((await post(await jwtAssertion(twin, { aud: 'https://login.example.org' }))).error_description, 'audience is invalid');
    assert.equal((await post(await jwtAssertion(twin, {}, '-10s'))).error_description, 'expired authorization code');
    const jwtKeyPair = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const other = await startTwin({ jwtKeyPair });
    try {
      assert.notEqual(other.info.privateKey, twin.info.privateKey);
      assert.equal((await post(await jwtAssertion(other))).error_description, 'invalid assertion');
    } finally {
      await other.stop();
    }
  });

  it('client credentials grant logs in as the run-as user; a refreshFn re-runs it after expiry', async () => {
    const { loginUrl, clientId, clientSecret } = twin.info;
    const conn = new Connection({
      oauth2: { loginUrl, clientId, clientSecret },
      version: VERSION,
      refreshFn: (c, callback) => {
        c.oauth2.requestToken({ grant_type: 'client_credentials' }).then((r) => callback(undefined, r.access_token, r), (e: Error) => callback(e));
      },
    });
    await conn.authorize({ grant_type: 'client_credentials' });
    assert.equal(conn.userInfo?.id, twin.info.userId);
    twin.expireSessions();
    assert.equal((await conn.query('SELECT Id FROM User')).totalSize, 1);
  });

  it('tokens expire after the configured lifetime', async () => {
    const short = await startTwin({ sessionLifetimeMs: 500 });
    try {
      const conn = await oauthConnection(short);
      assert.equal((await raw(short, conn, '/limits')).status, 200);
      await new Promise((r) => setTimeout(r, 550));
      assert.equal((await raw(short, conn, '/limits')).status, 401);
      let refreshed = 0;
      conn.on('refresh', () => refreshed++);
      assert.equal((await conn.query('SELECT Id FROM User')).totalSize, 1);
      assert.equal(refreshed, 1);
      assert.ok(short.stats().rejectedSessions >= 2);
    } finally {
      await short.stop();
    }
  });

  it('logout() ends OAuth and SOAP sessions; a loginUrl with a trailing slash works', async () => {
    const oauth = await oauthConnection(twin);
    const oauthToken = oauth.accessToken!;
    await oauth.logout();
    const soap = new Connection({ loginUrl: `${twin.info.loginUrl}/`, version: VERSION, logLevel: 'FATAL' });
    await soap.login(twin.info.username, twin.info.password + twin.info.securityToken);
    const soapToken = soap.accessToken!;
    assert.equal((await soap.query('SELECT Id FROM User')).totalSize, 1);
    await soap.logout();
    for (const token of [oauthToken, soapToken]) {
      const res = await fetch(`${twin.info.url}/services/data/v${VERSION}/limits`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(res.status, 401);
    }
  });

  it('revoking a token ends the session', async () => {
    const conn = await oauthConnection(twin);
    const res = await fetch(`${twin.info.loginUrl}/services/oauth2/revoke`, { method: 'POST', body: new URLSearchParams({ token: conn.accessToken! }) });
    assert.equal(res.status, 200);
    assert.equal((await raw(twin, conn, '/limits')).status, 401);
  });

  it('revoking a refresh token also ends the sessions it produced', async () => {
    const { loginUrl, clientId, clientSecret, username, password, securityToken } = twin.info;
    const conn = new Connection({ oauth2: { loginUrl, clientId, clientSecret }, version: VERSION });
    await conn.authorize({ grant_type: 'password', username, password: password + securityToken });
    const rt = conn.refreshToken!;
    const res = await fetch(`${loginUrl}/services/oauth2/revoke`, { method: 'POST', body: new URLSearchParams({ token: rt }) });
    assert.equal(res.status, 200);
    assert.equal((await raw(twin, conn, '/limits')).status, 401);
    await assert.rejects(conn.oauth2.refreshToken(rt), /expired access\/refresh token/);
  });
});
