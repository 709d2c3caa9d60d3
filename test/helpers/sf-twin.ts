import { after, before } from 'node:test';
import { SignJWT, importPKCS8 } from 'jose';
import { Connection } from 'jsforce';
import type { SalesforceTwinHandle, SalesforceTwinOptions } from '../../src/sandbox/salesforce';
import { startSalesforceTwin } from '../../src/sandbox/salesforce';

export const VERSION = '62.0';

export async function startTwin(options: SalesforceTwinOptions = {}): Promise<SalesforceTwinHandle> {
  return startSalesforceTwin(options);
}

/** A jsforce connection logged in with the OAuth password grant (refreshes with its refresh token). */
export async function oauthConnection(twin: SalesforceTwinHandle): Promise<Connection> {
  const { loginUrl, clientId, clientSecret, username, password, securityToken } = twin.info;
  const conn = new Connection({ oauth2: { loginUrl, clientId, clientSecret }, version: VERSION });
  await conn.login(username, password + securityToken);
  return conn;
}

/** A jsforce connection logged in through SOAP login() (refreshes by logging in again). */
export async function soapConnection(twin: SalesforceTwinHandle): Promise<Connection> {
  const { loginUrl, username, password, securityToken } = twin.info;
  const conn = new Connection({ loginUrl, version: VERSION, logLevel: 'FATAL' });
  await conn.login(username, password + securityToken);
  return conn;
}

export async function jwtAssertion(twin: SalesforceTwinHandle, overrides: Record<string, unknown> = {}, expiresIn = '3m'): Promise<string> {
  const key = await importPKCS8(twin.info.privateKey, 'RS256');
  const claims = { iss: twin.info.clientId, sub: twin.info.username, aud: twin.info.loginUrl, ...overrides };
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).setExpirationTime(expiresIn).sign(key);
}

/** A raw REST call with a bearer token, for asserting exact wire shapes. */
export async function raw(twin: SalesforceTwinHandle, conn: Connection, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${twin.info.url}/services/data/v${VERSION}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${conn.accessToken}`, 'Content-Type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
  });
}

export interface TwinSuite {
  twin: SalesforceTwinHandle;
  conn: Connection;
}

/** Starts one twin (and an OAuth connection to it) for the enclosing describe block, stopped after it. */
export function twinSuite(options: SalesforceTwinOptions = {}, setup?: (env: TwinSuite) => void | Promise<void>): TwinSuite {
  const env = {} as TwinSuite;
  before(async () => {
    env.twin = await startTwin(options);
    env.conn = await oauthConnection(env.twin);
    await setup?.(env);
  });
  after(async () => {
    await env.twin?.stop();
  });
  return env;
}
