/**
 * How a flow's config nodes are pointed at the API twins and the test/demo database. The one table
 * shared by `npm start` (scripts/demo/patches.mjs re-exports the built copy) and startFlowTest().
 * One entry per config node type; a patch returns the properties to set and the credentials to
 * store, or undefined to leave the node alone (its twin is not running).
 *
 * The field names mirror each config node's editor defaults/credentials; keep them in step.
 */
import type { TwinInfo } from '../sandbox/types';

export interface PatchContext {
  /** The running twins' descriptions ({ url, ...demo credentials }) by twin name. */
  twins?: Partial<Record<string, TwinInfo>>;
  /** A PostgreSQL server to use; without it the embedded PostgreSQL in the user directory. */
  databaseUrl?: string;
  /** Leave crm-pg-config nodes exactly as the flow has them. */
  keepDatabase?: boolean;
  /** Where the twins reach Node-RED's HTTP endpoints (http://127.0.0.1:port): monday in's managed webhooks. */
  nodeRedUrl?: string;
}

export interface Patch {
  props?: Record<string, unknown>;
  credentials?: Record<string, unknown>;
}

/** A flow node as found in flow JSON. */
export interface FlowNode {
  id: string;
  type: string;
  z?: string;
  name?: string;
  wires?: string[][];
  [key: string]: unknown;
}

type Info = TwinInfo & Record<string, string | undefined>;

function twin(ctx: PatchContext, name: string, patch: (info: Info) => Patch): Patch | undefined {
  const info = ctx.twins?.[name];
  return info ? patch(info as Info) : undefined;
}

export const PATCHES: Record<string, (ctx: PatchContext, node: FlowNode) => Patch | undefined> = {
  'crm-telegram-config': (ctx) => twin(ctx, 'telegram', (t) => ({ props: { baseUrl: t.url }, credentials: { token: t.token } })),
  'crm-pg-config': (ctx) => {
    if (ctx.keepDatabase) return undefined;
    if (ctx.databaseUrl) return { props: { mode: 'server' }, credentials: { url: ctx.databaseUrl } };
    // The default folder inside the Node-RED user directory (<userDir>/crm-sync/pgdata).
    return { props: { mode: 'embedded', dataDir: '' } };
  },
  'crm-salesforce-config': (ctx) =>
    twin(ctx, 'salesforce', (t) => ({
      props: { loginUrl: t.loginUrl ?? t.url, authType: 'password', username: t.username, clientId: t.clientId },
      credentials: { password: t.password, securityToken: t.securityToken, clientSecret: t.clientSecret },
    })),
  'crm-monday-config': (ctx) =>
    twin(ctx, 'monday', (t) => ({ props: { endpoint: t.url }, credentials: { token: t.token, signingSecret: t.signingSecret } })),
  // Managed webhooks register <baseUrl><path> with monday: the twin must post to this Node-RED, and the
  // JWT audience is then that URL (an example's public URL would not match).
  'crm-monday-in': (ctx, node) =>
    node.mode === 'webhook' && node.manageWebhooks && ctx.nodeRedUrl && ctx.twins?.monday ? { props: { baseUrl: ctx.nodeRedUrl, publicUrl: '' } } : undefined,
};

/** Which twin each config node type talks to (the types PATCHES points at a twin). */
export const TWIN_OF_CONFIG: Readonly<Record<string, string>> = {
  'crm-telegram-config': 'telegram',
  'crm-salesforce-config': 'salesforce',
  'crm-monday-config': 'monday',
};

function withoutUndefined(obj: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj ?? {}).filter(([, v]) => v !== undefined));
}

/**
 * Applies PATCHES to a flow array (returns a new array). Credentials ride along on the node as
 * `credentials`, which Node-RED's deploy stores encrypted and never returns.
 */
export function patchFlows<N extends { type: string }>(flows: N[], ctx: PatchContext): N[] {
  return flows.map((node) => {
    const patch = PATCHES[node.type]?.(ctx, node as unknown as FlowNode);
    if (!patch) return node;
    const credentials = withoutUndefined(patch.credentials);
    return { ...node, ...withoutUndefined(patch.props), ...(Object.keys(credentials).length ? { credentials } : {}) };
  });
}
