/**
 * Editor endpoints: suggest a mapping, preview one record through a mapping, list a schema's
 * fields for the dropdowns. All need crm-field-mapper.write: they run user JSONata on the server.
 */
import type { Request, Response } from 'express';
import { CrmError } from '../../core/errors';
import type { TargetSchema, ValidateOptions } from '../../core/mapping';
import { checkMappingAgainstSchema, compileMapping, createTargetSchemaProvider, mapRecord, schemaFromSample, suggestMapping, toTargetSchema } from '../../core/mapping';
import type { RED } from '../shared/runtime';
import { localizeError } from '../shared/runtime';
import type { ConnectionSchemaSettings } from './providers';
import { providerConfig } from './providers';
import { PERMISSION, TYPE } from './types';

type Body = Record<string, unknown>;

function optionalSchema(input: unknown): TargetSchema | undefined {
  if (input === undefined || input === null || input === '') return undefined;
  return toTargetSchema(input);
}

/**
 * The target schema of an edit dialog: pasted text in `key`, or else `connection` (the dialog's
 * schema settings) fetched through a deployed Salesforce or monday config node.
 */
async function targetSchema(body: Body, key: string): Promise<TargetSchema | undefined> {
  const pasted = optionalSchema(body[key]);
  if (pasted) return pasted;
  const settings = body.connection as ConnectionSchemaSettings | undefined;
  if (!settings || typeof settings !== 'object' || (settings.schemaSource !== 'salesforce' && settings.schemaSource !== 'monday')) return undefined;
  return createTargetSchemaProvider(providerConfig(settings)).getSchema();
}

function route(RED: RED, name: string, handler: (body: Body) => Promise<unknown> | unknown): void {
  RED.httpAdmin.post(`/${TYPE}/${name}`, RED.auth.needsPermission(PERMISSION), (req: Request, res: Response) => {
    Promise.resolve()
      .then(() => handler((req.body ?? {}) as Body))
      .then((result) => res.json(result))
      .catch((err: unknown) => {
        const e = localizeError(RED, err);
        res.status(400).json({ code: e.code, message: e.message, details: e.details });
      });
  });
}

export function registerAdminEndpoints(RED: RED): void {
  route(RED, 'fields', async (body) => ({ fields: (await targetSchema(body, 'schema'))?.fields ?? [] }));

  route(RED, 'suggest', async (body) => {
    const target = await targetSchema(body, 'target');
    if (!target) throw new CrmError('SCHEMA_MISSING', 'A target schema is needed to suggest a mapping: paste one in the node first.');
    const sample = body.sample && typeof body.sample === 'object' && !Array.isArray(body.sample) ? (body.sample as Record<string, unknown>) : undefined;
    const fromSample = sample ? schemaFromSample(sample) : undefined;
    const source = optionalSchema(body.source) ?? fromSample?.schema;
    if (!source) throw new CrmError('SOURCE_MISSING', 'Give a source schema or a sample record to suggest from.');
    return suggestMapping(source, target, { samples: fromSample?.samples });
  });

  route(RED, 'preview', async (body) => {
    const compiled = compileMapping(body.mapping);
    const schema = await targetSchema(body, 'schema');
    const evolution = schema ? checkMappingAgainstSchema(compiled.mapping, schema) : undefined;
    // Same rules as the running node: rows that no longer fit the schema are skipped.
    const effective = evolution && evolution.droppedRows.length > 0 ? compileMapping(evolution.mapping) : compiled;
    const validate = (body.validate ?? {}) as ValidateOptions;
    const result = await mapRecord(effective, body.record, { schema, validate });
    return { ...result, warnings: evolution?.warnings ?? [] };
  });
}
