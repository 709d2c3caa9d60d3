import { createHmac, timingSafeEqual } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { jwtVerify } from 'jose';
import { sendJson, sendText } from './http';
import { token } from './ids';

export interface AuthConfig {
  username: string;
  password: string;
  securityToken: string;
  /** Accept the password without the security token appended (a "trusted IP range" org). */
  trustedIp: boolean;
  clientId: string;
  clientSecret: string;
  jwtPublicKey: KeyObject;
  sessionLifetimeMs: number;
  orgId: string;
  userId: string;
  userEmail: string;
  userFullName: string;
  apiVersion: string;
}

interface Session {
  userId: string;
  expiresAt: number;
  /** The refresh token the session came from (password or refresh grant), revoked along with it. */
  refreshToken?: string;
}

/** Issued sessions and refresh tokens; expiry is checked on every API call. */
export class Sessions {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, string>();
  constructor(private readonly config: AuthConfig) {}

  issue(userId: string, refreshToken?: string): string {
    const id = `${this.config.orgId.slice(0, 15)}!AQ${token(94)}`;
    this.sessions.set(id, { userId, expiresAt: Date.now() + this.config.sessionLifetimeMs, refreshToken });
    return id;
  }

  issueRefreshToken(userId: string): string {
    const rt = `5Aep${token(83)}`;
    this.refreshTokens.set(rt, userId);
    return rt;
  }

  refreshUser(rt: string): string | undefined {
    return this.refreshTokens.get(rt);
  }

  /** The user of a live session, or undefined when it is unknown, expired or revoked. */
  check(sessionId: string | undefined): string | undefined {
    if (!sessionId) return undefined;
    const s = this.sessions.get(sessionId);
    if (!s) return undefined;
    if (Date.now() >= s.expiresAt) {
      this.sessions.delete(sessionId);
      return undefined;
    }
    return s.userId;
  }

  /** Revokes an access token, or a refresh token together with every access token it produced. */
  revoke(tokenValue: string): boolean {
    if (this.sessions.delete(tokenValue)) return true;
    if (!this.refreshTokens.delete(tokenValue)) return false;
    for (const [id, s] of this.sessions) if (s.refreshToken === tokenValue) this.sessions.delete(id);
    return true;
  }

  /** Expires every live session at once (tests of transparent refresh); refresh tokens stay valid. */
  expireAll(): number {
    const n = this.sessions.size;
    this.sessions.clear();
    return n;
  }

  get liveCount(): number {
    return this.sessions.size;
  }
}

export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = h ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(h) : null;
  return m ? m[1].trim() : undefined;
}

export const INVALID_SESSION = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];

const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true });
const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false });

function soapEnvelope(body: Record<string, unknown>): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    builder.build({
      'soapenv:Envelope': {
        '@_xmlns:soapenv': SOAP_NS,
        '@_xmlns': 'urn:partner.soap.sforce.com',
        '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        'soapenv:Body': body,
      },
    })
  );
}

function soapFault(res: ServerResponse, code: string, message: string): void {
  const xml = soapEnvelope({
    'soapenv:Fault': {
      faultcode: `sf:${code}`,
      faultstring: `${code}: ${message}`,
      detail: {
        'sf:LoginFault': {
          '@_xmlns:sf': 'urn:fault.partner.soap.sforce.com',
          '@_xsi:type': 'sf:LoginFault',
          'sf:exceptionCode': code,
          'sf:exceptionMessage': message,
        },
      },
    },
  });
  sendText(res, 500, xml, 'text/xml;charset=UTF-8');
}

const INVALID_LOGIN = 'Invalid username, password, security token; or user locked out.';

export class Auth {
  constructor(
    readonly config: AuthConfig,
    readonly sessions: Sessions,
    private readonly baseUrl: () => string,
  ) {}

  private passwordMatches(username: string, password: string): boolean {
    const c = this.config;
    if (username.toLowerCase() !== c.username.toLowerCase()) return false;
    return password === c.password + c.securityToken || (c.trustedIp && password === c.password);
  }

  /** Partner SOAP login()/logout() at /services/Soap/u/{version}. */
  soap(body: string, version: string, res: ServerResponse): void {
    let envelope: Record<string, unknown>;
    try {
      envelope = parser.parse(body) as Record<string, unknown>;
    } catch {
      return soapFault(res, 'INVALID_REQUEST', 'The request is not a valid SOAP envelope.');
    }
    const soapBody = ((envelope.Envelope as Record<string, unknown> | undefined)?.Body ?? {}) as Record<string, unknown>;
    if ('logout' in soapBody) {
      const header = ((envelope.Envelope as Record<string, unknown>).Header ?? {}) as Record<string, Record<string, string>>;
      const sid = header.SessionHeader?.sessionId;
      if (sid) this.sessions.revoke(sid);
      return sendText(res, 200, soapEnvelope({ logoutResponse: '' }), 'text/xml;charset=UTF-8');
    }
    const login = soapBody.login as Record<string, unknown> | undefined;
    if (!login) return soapFault(res, 'INVALID_OPERATION', 'Only login and logout are supported by the twin.');
    const username = String(login.username ?? '');
    const password = String(login.password ?? '');
    if (!this.passwordMatches(username, password)) return soapFault(res, 'INVALID_LOGIN', INVALID_LOGIN);
    const c = this.config;
    const sessionId = this.sessions.issue(c.userId);
    const base = this.baseUrl();
    const xml = soapEnvelope({
      loginResponse: {
        result: {
          metadataServerUrl: `${base}/services/Soap/m/${version}/${c.orgId}`,
          passwordExpired: 'false',
          sandbox: 'false',
          serverUrl: `${base}/services/Soap/u/${version}/${c.orgId}`,
          sessionId,
          userId: c.userId,
          userInfo: {
            organizationId: c.orgId,
            organizationName: 'CRM Sync Twin',
            sessionSecondsValid: String(Math.floor(c.sessionLifetimeMs / 1000)),
            userEmail: c.userEmail,
            userFullName: c.userFullName,
            userId: c.userId,
            userName: c.username,
          },
        },
      },
    });
    sendText(res, 200, xml, 'text/xml;charset=UTF-8');
  }

  /** withRefresh issues a new refresh token; refreshedFrom ties a refreshed session to the token it came from. */
  private tokenResponse(userId: string, withRefresh: boolean, refreshedFrom?: string): Record<string, unknown> {
    const rt = withRefresh ? this.sessions.issueRefreshToken(userId) : refreshedFrom;
    const c = this.config;
    const base = this.baseUrl();
    const id = `${base}/id/${c.orgId}/${userId}`;
    const issuedAt = String(Date.now());
    const signature = createHmac('sha256', c.clientSecret).update(id + issuedAt).digest('base64');
    return {
      access_token: this.sessions.issue(userId, rt),
      ...(withRefresh && rt ? { refresh_token: rt } : {}),
      signature,
      scope: withRefresh ? 'refresh_token api full' : 'api full',
      instance_url: base,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    };
  }

  private clientMatches(clientId: string | null, clientSecret: string | null, secretRequired: boolean): boolean {
    const c = this.config;
    if (clientId !== c.clientId) return false;
    if (clientSecret === null) return !secretRequired;
    const a = Buffer.from(clientSecret);
    const b = Buffer.from(c.clientSecret);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** POST /services/oauth2/token for the password, refresh_token, JWT bearer and client_credentials grants. */
  async token(body: string, res: ServerResponse): Promise<void> {
    const p = new URLSearchParams(body);
    const fail = (error: string, description: string, status = 400) =>
      sendJson(res, status, { error, error_description: description });
    const grant = p.get('grant_type');
    const c = this.config;
    switch (grant) {
      case 'password':
        if (p.get('client_id') !== c.clientId) return fail('invalid_client_id', 'client identifier invalid');
        if (!this.clientMatches(p.get('client_id'), p.get('client_secret'), true)) return fail('invalid_client', 'invalid client credentials');
        if (!this.passwordMatches(p.get('username') ?? '', p.get('password') ?? '')) return fail('invalid_grant', 'authentication failure');
        return sendJson(res, 200, this.tokenResponse(c.userId, true));
      case 'refresh_token': {
        if (p.get('client_id') !== c.clientId) return fail('invalid_client_id', 'client identifier invalid');
        if (!this.clientMatches(p.get('client_id'), p.get('client_secret'), false)) return fail('invalid_client', 'invalid client credentials');
        const rt = p.get('refresh_token') ?? '';
        const userId = this.sessions.refreshUser(rt);
        if (!userId) return fail('invalid_grant', 'expired access/refresh token');
        // Salesforce keeps the refresh token and does not return it again on refresh.
        const out = this.tokenResponse(userId, false, rt);
        out.scope = 'refresh_token api full';
        return sendJson(res, 200, out);
      }
      case 'urn:ietf:params:oauth:grant-type:jwt-bearer':
        return this.jwtBearer(p.get('assertion') ?? '', res, fail);
      case 'client_credentials':
        if (!this.clientMatches(p.get('client_id'), p.get('client_secret'), true)) return fail('invalid_client', 'invalid client credentials');
        return sendJson(res, 200, this.tokenResponse(c.userId, false));
      default:
        return fail('unsupported_grant_type', 'grant type not supported');
    }
  }

  private async jwtBearer(assertion: string, res: ServerResponse, fail: (e: string, d: string) => void): Promise<void> {
    const c = this.config;
    const base = this.baseUrl();
    let claims: Record<string, unknown>;
    try {
      // aud must name the login server; the twin is its own login server, so its base URL is the audience.
      ({ payload: claims } = await jwtVerify(assertion, c.jwtPublicKey, {
        algorithms: ['RS256'],
        audience: [base, `${base}/`],
        requiredClaims: ['iss', 'sub', 'aud', 'exp'],
      }));
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') return fail('invalid_grant', 'expired authorization code');
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && /aud/.test((e as Error).message)) return fail('invalid_grant', 'audience is invalid');
      return fail('invalid_grant', 'invalid assertion');
    }
    if (claims.iss !== c.clientId) return fail('invalid_client_id', 'client identifier invalid');
    if (String(claims.sub).toLowerCase() !== c.username.toLowerCase()) return fail('invalid_grant', "user hasn't approved this consumer");
    sendJson(res, 200, this.tokenResponse(c.userId, false));
  }

  revoke(body: string, query: URLSearchParams, res: ServerResponse): void {
    const t = new URLSearchParams(body).get('token') ?? query.get('token') ?? '';
    if (!this.sessions.revoke(t)) return sendJson(res, 400, { error: 'unsupported_token_type', error_description: 'this token type is not supported' });
    sendText(res, 200, '', 'text/plain');
  }

  /** GET /id/{orgId}/{userId}: the identity URL jsforce's identity() reads. */
  identity(orgId: string, userId: string, res: ServerResponse): void {
    const c = this.config;
    if (orgId !== c.orgId || userId !== c.userId) return sendJson(res, 404, { error: 'Bad_Id', error_description: 'Bad id' });
    const base = this.baseUrl();
    const v = c.apiVersion;
    sendJson(res, 200, {
      id: `${base}/id/${orgId}/${userId}`,
      asserted_user: true,
      user_id: userId,
      organization_id: orgId,
      username: c.username,
      nick_name: c.username.split('@')[0],
      display_name: c.userFullName,
      email: c.userEmail,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      urls: {
        rest: `${base}/services/data/v{version}/`,
        sobjects: `${base}/services/data/v{version}/sobjects/`,
        query: `${base}/services/data/v{version}/query/`,
        partner: `${base}/services/Soap/u/{version}/${orgId}`,
        profile: `${base}/${userId}`,
      },
      last_modified_date: new Date().toISOString().replace('Z', '+0000'),
      is_app_installed: true,
      apiVersion: v,
    });
  }
}
