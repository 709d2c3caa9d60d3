// How `npm start` points the example flows' config nodes at the demo: the API twins instead of the real
// services, the embedded PostgreSQL (or DATABASE_URL). One entry per config node type; a patch returns
// the properties to set and the credentials to store. `ctx.twins` holds the sandbox's twin info by name
// ({ url, ...demo credentials }); an entry whose twin is not running leaves the node alone.
//
// The field names mirror each config node's editor defaults/credentials; keep them in step.
export const PATCHES = {
  'crm-telegram-config': (ctx) => twin(ctx, 'telegram', (t) => ({ props: { baseUrl: t.url }, credentials: { token: t.token } })),
  'crm-pg-config': (ctx) =>
    ctx.databaseUrl
      ? { props: { mode: 'server' }, credentials: { url: ctx.databaseUrl } }
      : // The default folder, inside the demo's user directory (.demo/crm-sync/pgdata): kept across starts.
        { props: { mode: 'embedded', dataDir: '' } },
  'crm-salesforce-config': (ctx) =>
    twin(ctx, 'salesforce', (t) => ({
      props: { loginUrl: t.loginUrl ?? t.url, authType: 'password', username: t.username, clientId: t.clientId },
      credentials: { password: t.password, securityToken: t.securityToken, clientSecret: t.clientSecret },
    })),
  'crm-monday-config': (ctx) =>
    twin(ctx, 'monday', (t) => ({ props: { endpoint: t.url }, credentials: { token: t.token, signingSecret: t.signingSecret } })),
};

function twin(ctx, name, patch) {
  const info = ctx.twins?.[name];
  return info ? patch(info) : undefined;
}

function withoutUndefined(obj) {
  return Object.fromEntries(Object.entries(obj ?? {}).filter(([, v]) => v !== undefined));
}

/**
 * Applies PATCHES to a flow array (returns a new array). Credentials ride along on the node as
 * `credentials`, which the admin API's POST /flows stores encrypted and never returns.
 */
export function patchFlows(flows, ctx) {
  return flows.map((node) => {
    const patch = PATCHES[node.type]?.(ctx);
    if (!patch) return node;
    const credentials = withoutUndefined(patch.credentials);
    return { ...node, ...withoutUndefined(patch.props), ...(Object.keys(credentials).length ? { credentials } : {}) };
  });
}
