import { randomUUID } from 'node:crypto';
import type { GraphQLError} from 'graphql';
import { execute, parse, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { ComplexityBudget, queryCost } from './complexity';
import type { TwinContext } from './context';
import { TwinHttpError } from './errors';
import type { Pager } from './pages';
import { API_VERSIONS, CURRENT_VERSION, mutationRoot, queryRoot } from './roots';
import { mondaySchema } from './schema';
import type { MondayStore } from './store';
import type { WebhookManager } from './webhooks';

export interface EndpointLimits {
  complexityBudget: number;
  complexityWindowMs: number;
  maxQueryComplexity: number;
  dailyCallLimit: number;
  minuteRateLimit: number;
}

export interface TwinStats {
  /** HTTP requests to /v2, accepted or not. */
  requests: number;
  /** Root fields executed, by name (aliases of one mutation count separately). */
  operations: Record<string, number>;
  /** Error codes answered, by code. */
  errors: Record<string, number>;
  complexitySpent: number;
}

export interface EndpointDeps {
  store: MondayStore;
  pages: Pager;
  webhooks: WebhookManager;
  now(): number;
  accountId: number;
  userId: string;
  limits: EndpointLimits;
  isValidToken(token: string): boolean;
}

export interface EndpointResult {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/** POST /v2: auth, version, parse, validate against monday's schema, budget, execute — in that order. */
export class GraphQLEndpoint {
  readonly stats: TwinStats = { requests: 0, operations: {}, errors: {}, complexitySpent: 0 };
  private readonly budget: ComplexityBudget;
  /** Requests per token per minute: the same sliding window, one point a request. */
  private readonly minuteRate: ComplexityBudget;
  private readonly daily = new Map<string, { day: string; calls: number }>();

  constructor(private readonly deps: EndpointDeps) {
    this.budget = new ComplexityBudget(deps.limits.complexityBudget, deps.limits.complexityWindowMs);
    this.minuteRate = new ComplexityBudget(deps.limits.minuteRateLimit, 60_000);
  }

  async handle(headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<EndpointResult> {
    this.stats.requests += 1;
    const requestId = randomUUID();
    const envelope = (extra: Record<string, unknown>) => ({ ...extra, extensions: { request_id: requestId }, account_id: this.deps.accountId });
    const token = String(headers.authorization ?? '');
    try {
      if (!this.deps.isValidToken(token)) {
        // [UNVERIFIED] whether monday also accepts "Bearer <token>"; its docs send the bare token, so the twin insists on it.
        const hint = token.startsWith('Bearer ') ? ' (send the token itself, without "Bearer ")' : '';
        throw new TwinHttpError(401, 'NOT_AUTHENTICATED', `Not Authenticated${hint}`);
      }
      const apiVersion = this.version(headers['api-version']);
      this.countCall(token);
      this.countMinute(token);
      const { document, op, variables } = this.parseRequest(rawBody);
      const errors = validate(mondaySchema(), document);
      if (errors.length > 0) return this.fail(envelope({ errors: errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED')) }), 200, {});
      const now = this.deps.now();
      const cost = queryCost(document, op, variables);
      const rateHeaders = () => this.rateHeaders(token);
      if (cost > this.deps.limits.maxQueryComplexity) {
        // monday documents a ComplexityException for the per-query limit; [UNVERIFIED] wording and fields.
        const msg = `Query has complexity of ${cost}, which exceeds max complexity of ${this.deps.limits.maxQueryComplexity}`;
        return this.fail(envelope({ errors: [{ message: msg, extensions: { code: 'ComplexityException', complexity: cost, max_complexity: this.deps.limits.maxQueryComplexity, status_code: 200 } }] }), 200, rateHeaders());
      }
      const retry = this.budget.retryIn(token, cost, now);
      if (retry > 0) {
        // The 2025-07+ shape: message and {code, retry_in_seconds} only (budget figures via `complexity`).
        throw new TwinHttpError(429, 'COMPLEXITY_BUDGET_EXHAUSTED', 'Complexity budget exhausted', { retry_in_seconds: retry }, { 'Retry-After': String(retry), ...rateHeaders() }, false);
      }
      const before = this.budget.remaining(token, now);
      this.budget.charge(token, cost, now);
      this.stats.complexitySpent += cost;
      const context: TwinContext = {
        store: this.deps.store, pages: this.deps.pages, webhooks: this.deps.webhooks, now: this.deps.now, userId: this.deps.userId, accountId: this.deps.accountId, apiVersion,
        complexity: { before, query: cost, after: before - cost, reset_in_x_seconds: this.budget.resetIn(token, now) },
      };
      for (const sel of op.selectionSet.selections) if (sel.kind === 'Field') this.stats.operations[sel.name.value] = (this.stats.operations[sel.name.value] ?? 0) + 1;
      const result = await execute({
        schema: mondaySchema(), document, operationName: op.name?.value, variableValues: variables, contextValue: context,
        rootValue: op.operation === 'mutation' ? mutationRoot : queryRoot,
      });
      const body: Record<string, unknown> = {};
      if (result.errors?.length) {
        // Without data the variables failed to coerce: that is a request error, not a resolver failure.
        const fallback = 'data' in result ? 'INTERNAL_SERVER_ERROR' : 'GRAPHQL_VALIDATION_FAILED';
        body.errors = result.errors.map((e) => withCode(e, fallback));
        for (const e of body.errors as Array<{ extensions: { code: string } }>) this.countError(e.extensions.code);
      }
      if ('data' in result) body.data = result.data;
      return { status: 200, body: envelope(body), headers: rateHeaders() };
    } catch (err) {
      if (err instanceof TwinHttpError) {
        this.countError(err.code);
        return { status: err.httpStatus, body: envelope({ errors: [err.toGraphQL()] }), headers: err.headers };
      }
      throw err;
    }
  }

  private fail(body: Record<string, unknown>, status: number, headers: Record<string, string>): EndpointResult {
    for (const e of body.errors as Array<{ extensions: { code: string } }>) this.countError(e.extensions.code);
    return { status, body, headers };
  }

  private countError(code: string): void {
    this.stats.errors[code] = (this.stats.errors[code] ?? 0) + 1;
  }

  private version(raw: string | string[] | undefined): string {
    if (raw === undefined || raw === '') return CURRENT_VERSION;
    const v = String(raw);
    if (!API_VERSIONS.some((known) => known.value === v)) {
      // [UNVERIFIED] code name; monday refuses versions it does not serve.
      throw new TwinHttpError(400, 'InvalidVersionException', `API version ${v} is not supported; use one of ${API_VERSIONS.map((k) => k.value).join(', ')}`);
    }
    return v;
  }

  private countCall(token: string): void {
    const day = new Date(this.deps.now()).toISOString().slice(0, 10);
    const entry = this.daily.get(token);
    const counter = entry && entry.day === day ? entry : { day, calls: 0 };
    counter.calls += 1;
    this.daily.set(token, counter);
    if (counter.calls > this.deps.limits.dailyCallLimit) {
      const midnight = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
      const retry = Math.ceil((midnight - this.deps.now()) / 1000);
      throw new TwinHttpError(429, 'DAILY_LIMIT_EXCEEDED', 'Daily limit exceeded', { retry_in_seconds: retry }, { 'Retry-After': String(retry) });
    }
  }

  private countMinute(token: string): void {
    const now = this.deps.now();
    const retry = this.minuteRate.retryIn(token, 1, now);
    if (retry > 0) {
      // [UNVERIFIED] code name; monday's support pages call this error "Rate Limit Exceeded".
      throw new TwinHttpError(429, 'RATE_LIMIT_EXCEEDED', 'Rate Limit Exceeded', { retry_in_seconds: retry }, { 'Retry-After': String(retry) }, false);
    }
    this.minuteRate.charge(token, 1, now);
  }

  private parseRequest(raw: string): { document: DocumentNode; op: OperationDefinitionNode; variables: Record<string, unknown> } {
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      throw new TwinHttpError(400, 'JsonParseException', 'Unexpected token in JSON body: the request body must be JSON {query, variables}');
    }
    if (typeof body?.query !== 'string' || body.query.trim() === '') throw new TwinHttpError(400, 'JsonParseException', 'No query string was present');
    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (err) {
      const e = err as GraphQLError;
      throw new TwinHttpError(400, 'GRAPHQL_PARSE_FAILED', e.message, { locations: e.locations });
    }
    const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    const op = typeof body.operationName === 'string' ? ops.find((o) => o.name?.value === body.operationName) : ops.length === 1 ? ops[0] : undefined;
    if (!op) throw new TwinHttpError(400, 'GRAPHQL_PARSE_FAILED', 'Must provide operation name if query contains multiple operations');
    const variables = body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : {};
    return { document, op, variables };
  }

  private rateHeaders(token: string): Record<string, string> {
    const now = this.deps.now();
    const remaining = Math.max(0, this.budget.remaining(token, now));
    const { minuteRateLimit, complexityBudget, complexityWindowMs } = this.deps.limits;
    const minuteLeft = Math.max(0, this.minuteRate.remaining(token, now));
    return {
      // Requests run one at a time here, so the concurrency budget never shrinks below its ceiling minus this one.
      RateLimit: `"minuteRate";r=${minuteLeft}, "concurrency";r=249, "complexityMinute";r=${remaining};t=${this.budget.resetIn(token, now)}`,
      // [UNVERIFIED] policy syntax (IETF RateLimit-Policy draft, which monday's headers follow).
      'RateLimit-Policy': `"minuteRate";q=${minuteRateLimit};w=60, "concurrency";q=250, "complexityMinute";q=${complexityBudget};w=${Math.round(complexityWindowMs / 1000)}`,
    };
  }
}

/** graphql-js errors in monday's envelope: every error carries extensions.code. */
function withCode(e: GraphQLError, fallback: string): Record<string, unknown> {
  const json: { extensions?: Record<string, unknown> } = e.toJSON();
  const ext = json.extensions ?? {};
  return { ...json, extensions: { ...ext, code: ext.code ?? fallback, status_code: ext.status_code ?? 200 } };
}
