/** A JSON Schema object definition → neutral schema (the "bring your own target" option). */
import type { FieldType, TargetField, TargetSchema } from '../types';

interface JsonSchemaProp {
  type?: string | string[];
  format?: string;
  title?: string;
  description?: string;
  maxLength?: number;
  enum?: unknown[];
  readOnly?: boolean;
  items?: { enum?: unknown[] };
}

export interface JsonSchemaDoc {
  title?: string;
  type?: string;
  properties: Record<string, JsonSchemaProp>;
  required?: string[];
}

export function isJsonSchema(doc: unknown): doc is JsonSchemaDoc {
  const props = (doc as { properties?: unknown })?.properties;
  return !!props && typeof props === 'object' && !Array.isArray(props);
}

const FORMATS: Record<string, FieldType> = {
  email: 'email',
  date: 'date',
  'date-time': 'datetime',
  time: 'time',
  uri: 'url',
  url: 'url',
  phone: 'phone',
};

function typeOf(p: JsonSchemaProp): FieldType {
  const t = (Array.isArray(p.type) ? p.type.find((x) => x !== 'null') : p.type) ?? 'any';
  if (p.enum) return 'picklist';
  if (t === 'string') return (p.format && FORMATS[p.format]) || 'string';
  if (t === 'array' && p.items?.enum) return 'multipicklist';
  const simple: Record<string, FieldType> = { number: 'number', integer: 'integer', boolean: 'boolean', object: 'json', array: 'json' };
  return simple[t] ?? 'any';
}

export function fromJsonSchema(doc: JsonSchemaDoc): TargetSchema {
  const required = new Set(doc.required ?? []);
  const fields = Object.entries(doc.properties).map(([name, p]): TargetField => {
    const field: TargetField = { name, label: p.title ?? name, type: typeOf(p), required: required.has(name) };
    if (typeof p.maxLength === 'number') field.length = p.maxLength;
    const values = p.enum ?? p.items?.enum;
    if (values) {
      field.picklist = values.filter((v) => v !== null).map(String);
      field.restricted = true;
    }
    if (p.readOnly) field.readOnly = true;
    return field;
  });
  return { name: doc.title, fields };
}
