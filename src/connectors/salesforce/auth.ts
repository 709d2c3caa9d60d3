/**
 * One jsforce Connection per configuration, authenticated by one of four methods. Every method
 * can renew its own session: password logins re-login (jsforce), the OAuth grants re-run through
 * a refreshFn, so an expired session costs one token call and the request is replayed.
 */
import { createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { Connection } from 'jsforce';
import { badInput, mapError } from './errors';
import { DEFAULT_API_VERSION, DEFAULT_LOGIN_URL } from './types';
import type { SalesforceAuth } from './types';

type TokenResponse = { access_token: string; instance_url: string; id: string };
type RefreshCallback = (err: Error | null | undefined, accessToken?: string, res?: unknown) => void;

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export function loginUrlOf(auth: SalesforceAuth): string {
  return (auth.loginUrl?.trim() || DEFAULT_LOGIN_URL).replace(/\/+$/, '');
}

function need(auth: SalesforceAuth, fields: Array<keyof SalesforceAuth>): void {
  const missing = fields.filter((f) => !auth[f] || String(auth[f]).trim() === '');
  if (missing.length) throw badInput('SF_AUTH_INCOMPLETE', `Missing ${missing.join(', ')}`, { method: auth.method, missing: missing.join(', ') });
}

/** RS256 assertion for the JWT bearer flow, valid three minutes as Salesforce requires. */
export async function jwtAssertion(auth: SalesforceAuth): Promise<string> {
  let key;
  try {
    key = createPrivateKey(auth.privateKey ?? '');
  } catch {
    throw badInput('SF_BAD_PRIVATE_KEY', 'The private key is not a PEM RSA key', {});
  }
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(auth.clientId ?? '')
    .setSubject(auth.username ?? '')
    .setAudience(loginUrlOf(auth))
    .setExpirationTime(Math.floor(Date.now() / 1000) + 180)
    .sign(key);
}

async function grantParams(auth: SalesforceAuth): Promise<{ grant_type: string; [name: string]: string }> {
  switch (auth.method) {
    case 'refreshToken':
      return { grant_type: 'refresh_token', refresh_token: auth.refreshToken ?? '' };
    case 'jwt':
      return { grant_type: JWT_GRANT, assertion: await jwtAssertion(auth) };
    case 'clientCredentials':
      return { grant_type: 'client_credentials' };
    default:
      throw badInput('SF_AUTH_INCOMPLETE', `Unknown auth method ${String(auth.method)}`, { method: String(auth.method), missing: 'method' });
  }
}

function checkComplete(auth: SalesforceAuth): void {
  if (auth.method === 'password') need(auth, ['username', 'password']);
  else if (auth.method === 'refreshToken') need(auth, ['clientId', 'refreshToken']);
  else if (auth.method === 'jwt') need(auth, ['clientId', 'username', 'privateKey']);
  else if (auth.method === 'clientCredentials') need(auth, ['clientId', 'clientSecret']);
  else need(auth, ['method']);
}

export interface ConnectOptions {
  apiVersion?: string;
  clientName?: string;
}

/** Authenticates and returns a Connection that renews its session by itself. */
export async function connect(auth: SalesforceAuth, options: ConnectOptions = {}): Promise<Connection> {
  checkComplete(auth);
  const loginUrl = loginUrlOf(auth);
  const oauth2 = { loginUrl, clientId: auth.clientId || undefined, clientSecret: auth.clientSecret || undefined };
  // The grant flows renew by re-running the grant: jsforce's own refresh needs a refresh token.
  const refreshFn =
    auth.method === 'password'
      ? undefined
      : (conn: Connection, cb: RefreshCallback) => {
          grantParams(auth)
            .then((params) => conn.oauth2.requestToken(params) as Promise<TokenResponse>)
            .then((res) => {
              conn.instanceUrl = res.instance_url;
              cb(null, res.access_token, res);
            })
            .catch((err: Error) => cb(err));
        };
  const conn = new Connection({
    loginUrl,
    version: options.apiVersion || DEFAULT_API_VERSION,
    oauth2,
    refreshFn: refreshFn as never,
    callOptions: options.clientName ? { client: options.clientName } : undefined,
  });
  try {
    if (auth.method === 'password') {
      // Password logins carry the security token appended, as Salesforce expects.
      await conn.login(auth.username ?? '', `${auth.password ?? ''}${auth.securityToken ?? ''}`);
    } else {
      await conn.authorize(await grantParams(auth));
    }
  } catch (err) {
    throw mapError(err);
  }
  return conn;
}
