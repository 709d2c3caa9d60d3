/**
 * Editor pickers: the org's objects (describeGlobal) and an object's fields (describe), so the
 * salesforce in/out dialogs can offer names instead of asking users to know API names by heart.
 * Read-only, permission `<type>.read`. Failures answer 4xx/5xx {ok:false, code, message} with
 * Salesforce's message and no secrets; with `quiet: true` they answer 200 {ok:false, ...} so an
 * editor probing an offline org does not fill the browser console with network errors.
 */
import type { Request, Response } from 'express';
import { assertIdentifier, describe } from '../../connectors/salesforce';
import type { SalesforceClient } from '../../connectors/salesforce';
import { localizeError } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import { adminClient } from './admin-client';
import type { SfFieldInfo as FieldInfo, SfObjectInfo as GlobalObject } from './describe-types';
import type { AdminBody } from './admin-client';

type Body = AdminBody & { object?: unknown; quiet?: unknown };

const STATUS: Record<string, number> = { SF_NOT_FOUND: 404, SF_INVALID_TYPE: 404, SF_UNREACHABLE: 502, SF_SERVER_ERROR: 502, SF_TIMEOUT: 504 };

async function objects(client: SalesforceClient): Promise<{ objects: GlobalObject[] }> {
  const g = (await client.call((conn) => conn.describeGlobal())) as unknown as { sobjects: GlobalObject[] };
  return {
    objects: g.sobjects.map((o) => ({ name: o.name, label: o.label, queryable: !!o.queryable, createable: !!o.createable, updateable: !!o.updateable, custom: !!o.custom })),
  };
}

async function fields(client: SalesforceClient, object: unknown): Promise<{ object: string; label: string; fields: FieldInfo[] }> {
  const name = assertIdentifier(typeof object === 'string' ? object.trim() : '', 'object');
  const d = (await describe(client, name)) as unknown as { name: string; label: string; fields: FieldInfo[] };
  return {
    object: d.name,
    label: d.label,
    fields: d.fields.map((f) => ({ name: f.name, label: f.label, type: f.type, externalId: !!f.externalId, idLookup: !!f.idLookup, createable: !!f.createable, updateable: !!f.updateable })),
  };
}

export function registerDescribeEndpoints(RED: RED, type: string): void {
  const endpoint = (path: string, work: (client: SalesforceClient, body: Body) => Promise<object>) => {
    RED.httpAdmin.post(`/${type}/${path}`, RED.auth.needsPermission(`${type}.read`), (req: Request, res: Response) => {
      const body = (req.body ?? {}) as Body;
      const { client, secrets, release } = adminClient(RED, body, { reuseDeployed: true });
      Promise.resolve()
        .then(() => work(client, body))
        .then(
          (out) => res.json({ ok: true, ...out }),
          (err: unknown) => {
            const e = localizeError(RED, err, secrets);
            const status = body.quiet === true ? 200 : (STATUS[e.code] ?? 400);
            res.status(status).json({ ok: false, code: e.code, message: e.message });
          },
        )
        .finally(release);
    });
  };
  endpoint('objects', (client) => objects(client));
  endpoint('fields', (client, body) => fields(client, body.object));
}
