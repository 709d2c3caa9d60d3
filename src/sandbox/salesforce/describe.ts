import type { FieldDef, ObjectDef } from './schema';
import { childRelationships as childRelationshipsOf, defaultOf } from './schema';

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID', reference: 'tns:ID', boolean: 'xsd:boolean', double: 'xsd:double', currency: 'xsd:double', percent: 'xsd:double',
  int: 'xsd:int', date: 'xsd:date', datetime: 'xsd:dateTime',
};

function objectSummary(def: ObjectDef, version: string): Record<string, unknown> {
  const base = `/services/data/v${version}/sobjects/${def.name}`;
  const isUser = def.name === 'User';
  return {
    activateable: false,
    createable: !isUser,
    custom: def.custom,
    customSetting: false,
    deletable: !isUser,
    deprecatedAndHidden: false,
    feedEnabled: true,
    hasSubtypes: false,
    isSubtype: false,
    keyPrefix: def.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: true,
    mergeable: ['Lead', 'Contact', 'Account'].includes(def.name),
    mruEnabled: true,
    name: def.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: !isUser,
    updateable: true,
    urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` },
  };
}

function fieldDescribe(f: FieldDef): Record<string, unknown> {
  const text = !SOAP_TYPES[f.type];
  return {
    aggregatable: f.type !== 'textarea',
    autoNumber: false,
    byteLength: text ? f.length * 3 : 0,
    calculated: f.calculated,
    caseSensitive: false,
    createable: f.createable,
    custom: f.custom,
    defaultValue: defaultOf(f),
    defaultedOnCreate: f.defaultedOnCreate,
    dependentPicklist: false,
    digits: f.type === 'int' ? 9 : 0,
    externalId: f.externalId,
    filterable: f.type !== 'textarea',
    groupable: !['textarea', 'double', 'currency', 'percent', 'datetime'].includes(f.type),
    htmlFormatted: false,
    idLookup: f.idLookup,
    label: f.label,
    length: text ? f.length : 0,
    name: f.name,
    nameField: f.nameField,
    nillable: f.nillable,
    picklistValues: f.picklistValues.map((v) => ({ active: true, defaultValue: v === f.defaultValue, label: v, validFor: null, value: v })),
    precision: ['double', 'currency', 'percent'].includes(f.type) ? 18 : 0,
    referenceTo: f.referenceTo,
    relationshipName: f.relationshipName,
    restrictedPicklist: f.restrictedPicklist,
    scale: f.type === 'currency' || f.type === 'percent' ? 2 : 0,
    soapType: SOAP_TYPES[f.type] ?? 'xsd:string',
    sortable: f.type !== 'textarea',
    type: f.type,
    unique: f.unique,
    updateable: f.updateable,
  };
}

/** GET /sobjects */
export function describeGlobal(defs: Iterable<ObjectDef>, version: string): Record<string, unknown> {
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: [...defs].map((d) => objectSummary(d, version)) };
}

/** GET /sobjects/T: basic information plus recent items (the twin keeps none). */
export function describeBasic(def: ObjectDef, version: string): Record<string, unknown> {
  return { objectDescribe: objectSummary(def, version), recentItems: [] };
}

/** GET /sobjects/T/describe */
export function describeObject(def: ObjectDef, version: string, schema: Map<string, ObjectDef>): Record<string, unknown> {
  const childRelationships = childRelationshipsOf(schema, def).map((r) => ({
    cascadeDelete: false,
    childSObject: r.child.name,
    field: r.field.name,
    relationshipName: r.relationshipName,
    restrictedDelete: false,
  }));
  return {
    ...objectSummary(def, version),
    childRelationships,
    fields: def.fields.map(fieldDescribe),
    recordTypeInfos: [],
    supportedScopes: [{ label: 'All', name: 'everything' }, { label: 'Mine', name: 'mine' }],
  };
}
