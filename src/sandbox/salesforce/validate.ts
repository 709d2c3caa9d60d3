import { SfError } from './http';
import { normalizeId } from './ids';
import { recordUrl } from './soql';
import type { FieldDef, ObjectDef } from './schema';
import { defaultOf } from './schema';
import type { SfRecord, SfValue, Store } from './store';
import { formatDateTime } from './store';

export interface WriteContext {
  store: Store;
  userId: string;
  version: string;
  duplicateRules: Record<string, string[]>;
  /** Sforce-Duplicate-Rule-Header: allowSave=true lets a flagged duplicate be saved. */
  allowDuplicates: boolean;
  /** CDC changeOrigin of the writes, e.g. com/salesforce/api/rest/62.0;client=crm-sync. */
  origin: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function parserError(type: string, value: unknown): SfError {
  return new SfError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${type} from VALUE_STRING value ${String(value)} or request may be missing a required field`);
}

function fieldError(code: string, field: FieldDef, message: string): SfError {
  return new SfError(400, code, `${field.label}: ${message}`, [field.name]);
}

/** Coerces one JSON value to the field's type the way the REST API does, or throws its error. */
function coerce(store: Store, field: FieldDef, value: unknown): SfValue {
  if (value === null || value === '') return null;
  switch (field.type) {
    case 'double':
    case 'currency':
    case 'percent':
    case 'int': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw parserError(field.type === 'int' ? 'int' : 'double', value);
      if (field.type === 'int' && !Number.isInteger(n)) throw parserError('int', value);
      return n;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw parserError('boolean', value);
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw parserError('date', value);
      return value;
    case 'datetime': {
      const ms = typeof value === 'string' ? Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
      if (Number.isNaN(ms)) throw parserError('datetime', value);
      return formatDateTime(ms);
    }
    case 'reference': {
      const id = typeof value === 'string' ? normalizeId(value) : undefined;
      if (!id) throw fieldError('MALFORMED_ID', field, `id value of incorrect type: ${String(value)}`);
      const target = store.locate(id);
      if (!target || !field.referenceTo.includes(target.def.name) || target.record.IsDeleted) {
        throw new SfError(400, 'INVALID_CROSS_REFERENCE_KEY', `${field.label}: id value of incorrect type: ${String(value)}`, [field.name]);
      }
      return id;
    }
    default: {
      if (typeof value === 'object') throw parserError('String', JSON.stringify(value));
      const s = String(value);
      if (s.length > field.length) throw fieldError('STRING_TOO_LONG', field, `data value too large: ${s.slice(0, 80)} (max length=${field.length})`);
      if (field.type === 'email' && !EMAIL.test(s)) throw fieldError('INVALID_EMAIL_ADDRESS', field, `invalid email address: ${s}`);
      if (field.restrictedPicklist && !field.picklistValues.includes(s)) throw fieldError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', field, `bad value for restricted picklist field: ${s}`);
      return s;
    }
  }
}

/**
 * Validates a create/update body against the object's metadata and returns the values to store.
 * The first problem wins, as one Salesforce error per record does; required fields are reported together.
 */
export function validateWrite(ctx: WriteContext, def: ObjectDef, body: Record<string, unknown>, existing?: SfRecord): SfRecord {
  const values: SfRecord = {};
  for (const [key, raw] of Object.entries(body)) {
    if (key === 'attributes') continue;
    const field = def.byName.get(key.toLowerCase());
    if (!field) throw new SfError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`, [key]);
    if (existing ? !field.updateable : !field.createable) {
      throw new SfError(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your role or permission set.`, [field.name]);
    }
    values[field.name] = coerce(ctx.store, field, raw);
  }
  if (!existing) {
    for (const f of def.fields) {
      if (values[f.name] !== undefined && values[f.name] !== null) continue;
      if (f.name === 'OwnerId') values.OwnerId = ctx.userId;
      else if (f.defaultValue !== undefined) values[f.name] = defaultOf(f);
    }
  }
  const merged = { ...(existing ?? {}), ...values };
  const missing = def.fields.filter((f) => !f.nillable && f.createable && (merged[f.name] === null || merged[f.name] === undefined)).map((f) => f.name);
  if (missing.length) throw new SfError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
  checkUnique(ctx.store, def, merged, existing);
  if (!ctx.allowDuplicates) checkDuplicates(ctx, def, merged, existing);
  return values;
}

function same(a: SfValue, b: SfValue): boolean {
  return a !== null && b !== null && String(a).toLowerCase() === String(b).toLowerCase();
}

function checkUnique(store: Store, def: ObjectDef, merged: SfRecord, existing?: SfRecord): void {
  for (const f of def.fields) {
    if (!f.unique || merged[f.name] === null || merged[f.name] === undefined) continue;
    for (const other of store.table(def).values()) {
      if (other === existing || other.IsDeleted || !same(other[f.name], merged[f.name])) continue;
      throw new SfError(400, 'DUPLICATE_VALUE', `duplicate value found: ${f.name} duplicates value on record with id: ${String(other.Id)}`, []);
    }
  }
}

/** The org's duplicate rule: every listed field equal (case-insensitively) to another live record's. */
function checkDuplicates(ctx: WriteContext, def: ObjectDef, merged: SfRecord, existing?: SfRecord): void {
  const fields = ctx.duplicateRules[def.name];
  if (!fields?.length || fields.some((f) => merged[f] === null || merged[f] === undefined)) return;
  const matches = [...ctx.store.table(def).values()].filter((r) => r !== existing && !r.IsDeleted && fields.every((f) => same(r[f], merged[f])));
  if (!matches.length) return;
  const message = 'Use one of these records?';
  throw new SfError(400, 'DUPLICATES_DETECTED', message, [], {
    duplicateResult: {
      allowSave: true,
      duplicateRule: `Standard_${def.name}_Duplicate_Rule`,
      duplicateRuleEntityType: def.name,
      errorMessage: message,
      matchResults: [
        {
          entityType: def.name,
          errorMessage: null,
          matchEngine: 'ExactMatchEngine',
          matchRecords: matches.map((r) => ({
            additionalInformation: [],
            fieldDiffs: [],
            matchConfidence: 100.0,
            record: { attributes: { type: def.name, url: recordUrl(ctx.version, def.name, r.Id) }, Id: r.Id },
          })),
          rule: `Standard_${def.name}_Match_Rule_v1_0`,
          size: matches.length,
          success: true,
        },
      ],
    },
  });
}
