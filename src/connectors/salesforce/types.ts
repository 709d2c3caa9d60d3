/** Settings and shapes of the Salesforce connector (no Node-RED import). */

export type AuthMethod = 'password' | 'refreshToken' | 'jwt' | 'clientCredentials';
export const AUTH_METHODS: readonly AuthMethod[] = ['password', 'refreshToken', 'jwt', 'clientCredentials'];

export const DEFAULT_LOGIN_URL = 'https://login.salesforce.com';
export const DEFAULT_API_VERSION = '62.0';

export interface SalesforceAuth {
  method: AuthMethod;
  loginUrl?: string;
  username?: string;
  password?: string;
  securityToken?: string;
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  /** PEM (PKCS#8) private key signing the JWT bearer assertion. */
  privateKey?: string;
}

export interface ClientOptions {
  auth: SalesforceAuth;
  apiVersion?: string;
  /** Requests in flight at once (Salesforce allows 25 long-running ones per org). */
  maxConcurrent?: number;
  /** Attempts for a transient failure (lock, 5xx, timeout), first one included. */
  maxAttempts?: number;
  /** First backoff delay; doubles each attempt, plus up to 100% jitter. */
  retryBaseMs?: number;
  /** Share (0..1) of the daily API allocation above which calls are spaced out. */
  slowDownAt?: number;
  /** Pause between calls while above slowDownAt. */
  slowDownMs?: number;
  /** Client name sent in Sforce-Call-Options, so change events can be told apart from our own writes. */
  clientName?: string;
  /** Per-request timeout. */
  timeoutMs?: number;
}

export interface ApiUsage {
  used: number;
  limit: number;
}

export type SfRecord = Record<string, unknown>;

export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

export interface WriteResult {
  /** Position in the input batch. */
  index: number;
  success: boolean;
  id?: string;
  created?: boolean;
  errors: RecordError[];
}

export type WriteOperation = 'create' | 'update' | 'upsert' | 'delete';
