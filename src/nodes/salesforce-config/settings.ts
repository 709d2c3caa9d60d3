/** Config fields → connector options, with defaults and bounds. */
import { AUTH_METHODS, DEFAULT_API_VERSION, DEFAULT_LOGIN_URL } from '../../connectors/salesforce';
import type { AuthMethod, ClientOptions, SalesforceAuth } from '../../connectors/salesforce';
import type { SalesforceConfigFields, SalesforceCredentials } from './types';

function bounded(v: unknown, min: number, max: number, fallback: number): number {
  const n = Number(v);
  return v === '' || v === undefined || !Number.isFinite(n) ? fallback : Math.min(max, Math.max(min, n));
}

export function authOf(c: SalesforceConfigFields, cred: SalesforceCredentials): SalesforceAuth {
  const method: AuthMethod = AUTH_METHODS.includes(c.authType as AuthMethod) ? (c.authType as AuthMethod) : 'password';
  const t = (s?: string) => (typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined);
  return {
    method,
    loginUrl: t(c.loginUrl) ?? DEFAULT_LOGIN_URL,
    username: t(c.username),
    clientId: t(c.clientId),
    password: cred.password || undefined,
    securityToken: t(cred.securityToken),
    clientSecret: t(cred.clientSecret),
    refreshToken: t(cred.refreshToken),
    privateKey: t(cred.privateKey),
  };
}

/** Optional settings.js tuning (crmSyncSalesforce: {...}); tests shorten the backoff with it. */
export interface SalesforceSettings {
  retryBaseMs?: number;
  maxAttempts?: number;
  slowDownMs?: number;
  timeoutMs?: number;
}

export function clientOptions(c: SalesforceConfigFields, cred: SalesforceCredentials, s: SalesforceSettings = {}): ClientOptions {
  return {
    auth: authOf(c, cred),
    apiVersion: /^\d+\.\d$/.test(String(c.apiVersion ?? '').trim()) ? String(c.apiVersion).trim() : DEFAULT_API_VERSION,
    maxConcurrent: bounded(c.maxConcurrent, 1, 25, 5),
    slowDownAt: bounded(c.slowDownAt, 1, 100, 90) / 100,
    clientName: 'crm-sync',
    ...s,
  };
}
