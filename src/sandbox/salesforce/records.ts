import { SfError } from './http';
import { normalizeId } from './ids';
import type { FieldDef, ObjectDef } from './schema';
import { recordUrl } from './soql';
import type { SfRecord } from './store';
import type { WriteContext } from './validate';
import { validateWrite } from './validate';

/** Single-record operations shared by the sObject, Collections, Composite and Bulk endpoints. */

export function requireType(ctx: WriteContext, type: string | undefined): ObjectDef {
  const def = type ? ctx.store.object(type) : undefined;
  if (!def) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return def;
}

export function liveRecord(ctx: WriteContext, def: ObjectDef, id: string | undefined): SfRecord {
  const norm = id ? normalizeId(id) : undefined;
  const record = norm && norm.startsWith(def.keyPrefix) ? ctx.store.table(def).get(norm) : undefined;
  if (!record) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  if (record.IsDeleted) throw new SfError(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
  return record;
}

function bodyWithout(body: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const lower = new Set(keys.map((k) => k.toLowerCase()));
  return Object.fromEntries(Object.entries(body).filter(([k]) => !lower.has(k.toLowerCase())));
}

export function createRecord(ctx: WriteContext, def: ObjectDef, body: Record<string, unknown>): string {
  const values = validateWrite(ctx, def, body);
  return ctx.store.insert(def, values, ctx.userId, ctx.origin).Id as string;
}

export function updateRecord(ctx: WriteContext, def: ObjectDef, id: string | undefined, body: Record<string, unknown>): string {
  const record = liveRecord(ctx, def, id);
  const values = validateWrite(ctx, def, bodyWithout(body, 'Id'), record);
  ctx.store.update(def, record, values, ctx.userId, ctx.origin);
  return record.Id as string;
}

export function deleteRecord(ctx: WriteContext, def: ObjectDef, id: string | undefined): string {
  const record = liveRecord(ctx, def, id);
  ctx.store.remove(def, record, ctx.userId, ctx.origin);
  return record.Id as string;
}

export interface UpsertResult {
  id: string;
  created: boolean;
}

/**
 * Upsert by external id: no match creates (201), one match updates (200), several matches are a 300 with
 * the candidates' URLs; a field that is not an external id (or Id) is a 404.
 */
export function upsertRecord(ctx: WriteContext, def: ObjectDef, extField: string, value: string, body: Record<string, unknown>): UpsertResult {
  const field = externalIdField(def, extField, true);
  const rest = bodyWithout(body, field.name, 'Id');
  if (field.type === 'id') {
    if (!value) return { id: createRecord(ctx, def, rest), created: true };
    return { id: updateRecord(ctx, def, value, rest), created: false };
  }
  const matches = findByExternalId(ctx, def, field, value);
  if (matches.length === 1) {
    const record = matches[0];
    ctx.store.update(def, record, validateWrite(ctx, def, rest, record), ctx.userId, ctx.origin);
    return { id: record.Id as string, created: false };
  }
  return { id: createRecord(ctx, def, { ...rest, [field.name]: value }), created: true };
}

function externalIdField(def: ObjectDef, name: string, allowId: boolean): FieldDef {
  const field = def.byName.get(name.toLowerCase());
  if (!field || !(field.externalId || (allowId && field.type === 'id'))) {
    throw new SfError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`);
  }
  return field;
}

/** Live records whose external id equals value (case-insensitively); several matches are a 300. */
function findByExternalId(ctx: WriteContext, def: ObjectDef, field: FieldDef, value: string): SfRecord[] {
  const matches = [...ctx.store.table(def).values()].filter((r) => !r.IsDeleted && r[field.name] !== null && String(r[field.name]).toLowerCase() === value.toLowerCase());
  if (matches.length > 1) throw new MultipleMatches(matches.map((r) => recordUrl(ctx.version, def.name, r.Id)));
  return matches;
}

/** GET or DELETE /sobjects/T/{externalIdField}/{value}: the one live record with that external id. */
export function recordByExternalId(ctx: WriteContext, def: ObjectDef, extField: string, value: string): SfRecord {
  const [record] = findByExternalId(ctx, def, externalIdField(def, extField, false), value);
  if (!record) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return record;
}

/** 300 Multiple Choices: the body is the list of matching record URLs, not an error array. */
export class MultipleMatches extends SfError {
  constructor(readonly urls: string[]) {
    super(300, 'MULTIPLE_CHOICES', `more than one record found for external id field: ${urls.join(', ')}`);
  }
}

/** A record as GET /sobjects/T/{id} returns it: attributes, then every (or every requested) field. */
export function recordJson(ctx: WriteContext, def: ObjectDef, record: SfRecord, fields?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type: def.name, url: recordUrl(ctx.version, def.name, record.Id) } };
  const names = fields ?? def.fields.map((f) => f.name);
  for (const name of names) {
    const f = def.byName.get(name.trim().toLowerCase());
    if (!f) throw new SfError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
    out[f.name] = record[f.name] ?? null;
  }
  return out;
}
