/** Salesforce sObject describe → neutral target schema. */
import type { FieldType, TargetField, TargetSchema } from '../types';

export interface SalesforceDescribeField {
  name: string;
  label?: string;
  type: string;
  length?: number;
  nillable?: boolean;
  defaultedOnCreate?: boolean;
  createable?: boolean;
  updateable?: boolean;
  calculated?: boolean;
  externalId?: boolean;
  idLookup?: boolean;
  picklistValues?: Array<{ active?: boolean; value: string; label?: string }>;
  restrictedPicklist?: boolean;
}

export interface SalesforceDescribe {
  name?: string;
  label?: string;
  fields: SalesforceDescribeField[];
}

const TYPES: Record<string, FieldType> = {
  id: 'id',
  string: 'string',
  textarea: 'text',
  email: 'email',
  phone: 'phone',
  url: 'url',
  picklist: 'picklist',
  multipicklist: 'multipicklist',
  combobox: 'string',
  reference: 'reference',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
  double: 'number',
  int: 'integer',
  long: 'integer',
  currency: 'currency',
  percent: 'percent',
  encryptedstring: 'string',
  address: 'json',
  location: 'json',
  base64: 'string',
  anyType: 'any',
};

const TEXTUAL = new Set(['string', 'text', 'email', 'phone', 'url', 'picklist', 'multipicklist']);

export function isSalesforceDescribe(doc: unknown): doc is SalesforceDescribe {
  const fields = (doc as { fields?: unknown })?.fields;
  return Array.isArray(fields) && fields.length > 0 && fields.every((f) => f && typeof f === 'object' && 'name' in f && 'type' in f && ('nillable' in f || 'createable' in f));
}

export function fromSalesforceDescribe(describe: SalesforceDescribe): TargetSchema {
  const fields = describe.fields.map((f): TargetField => {
    const type = TYPES[f.type] ?? 'any';
    const readOnly = f.calculated === true || (f.createable === false && f.updateable === false);
    const field: TargetField = {
      name: f.name,
      label: f.label ?? f.name,
      type,
      // What Salesforce insists on at create: not nillable, no default, writable. Booleans are never "missing".
      required: f.nillable === false && f.defaultedOnCreate !== true && f.createable !== false && type !== 'boolean',
    };
    if (TEXTUAL.has(type) && f.length && f.length > 0) field.length = f.length;
    if (readOnly) field.readOnly = true;
    if (f.type === 'id' || f.externalId === true) field.key = true;
    if (f.picklistValues && f.picklistValues.length > 0 && (type === 'picklist' || type === 'multipicklist')) {
      field.picklist = f.picklistValues.filter((p) => p.active !== false).map((p) => p.value);
      field.restricted = f.restrictedPicklist === true;
    }
    return field;
  });
  return { name: describe.name ? `salesforce:${describe.name}` : 'salesforce', fields };
}
