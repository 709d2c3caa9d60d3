/**
 * Metadata of the objects the twin serves. One compact definition per field; describe.ts expands it into
 * the full describe shape and validate.ts enforces it on writes.
 */
export type FieldType =
  | 'id' | 'string' | 'email' | 'phone' | 'url' | 'textarea' | 'picklist' | 'reference'
  | 'datetime' | 'date' | 'boolean' | 'double' | 'currency' | 'percent' | 'int';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  length: number;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  defaultedOnCreate: boolean;
  externalId: boolean;
  unique: boolean;
  idLookup: boolean;
  nameField: boolean;
  calculated: boolean;
  custom: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  picklistValues: string[];
  restrictedPicklist: boolean;
  defaultValue?: string;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  fields: FieldDef[];
  /** Lower-cased field name → definition, for SOQL's case-insensitive names. */
  byName: Map<string, FieldDef>;
  /** Lower-cased relationship name → reference field. */
  byRelationship: Map<string, FieldDef>;
}

/** A field's default as a stored value (booleans are kept as text in the definition), or null. */
export function defaultOf(f: FieldDef): string | boolean | null {
  if (f.defaultValue === undefined) return null;
  return f.type === 'boolean' ? f.defaultValue === 'true' : f.defaultValue;
}

export interface ChildRelationship {
  child: ObjectDef;
  field: FieldDef;
  relationshipName: string;
}

/** Parent-to-child relationships (Account.Contacts...), named by the child's plural label as standard ones are. */
export function childRelationships(schema: Map<string, ObjectDef>, parent: ObjectDef): ChildRelationship[] {
  return [...schema.values()].flatMap((child) =>
    child.fields
      .filter((f) => f.referenceTo.includes(parent.name) && !f.custom && f.name !== 'OwnerId' && !f.name.endsWith('ById'))
      .map((field) => ({ child, field, relationshipName: child.labelPlural })),
  );
}

const LENGTHS: Partial<Record<FieldType, number>> = { id: 18, reference: 18, email: 80, phone: 40, url: 255, textarea: 32000, picklist: 255 };

type Opts = Partial<Omit<FieldDef, 'name' | 'type'>>;

function field(name: string, type: FieldType, opts: Opts = {}): FieldDef {
  const custom = name.endsWith('__c');
  const system = opts.createable === false;
  return {
    name,
    label: opts.label ?? name.replace(/__c$/, '').replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/ Id$/, ' ID'),
    type,
    length: opts.length ?? LENGTHS[type] ?? (type === 'string' ? 255 : 0),
    createable: !system,
    updateable: opts.updateable ?? !system,
    nillable: opts.nillable ?? true,
    defaultedOnCreate: opts.defaultedOnCreate ?? false,
    externalId: opts.externalId ?? false,
    unique: opts.unique ?? false,
    idLookup: opts.idLookup ?? (type === 'id' || opts.externalId === true),
    nameField: opts.nameField ?? false,
    calculated: opts.calculated ?? false,
    custom,
    referenceTo: opts.referenceTo ?? [],
    relationshipName: opts.relationshipName ?? null,
    picklistValues: opts.picklistValues ?? [],
    restrictedPicklist: opts.restrictedPicklist ?? false,
    ...(opts.defaultValue !== undefined ? { defaultValue: opts.defaultValue } : {}),
  };
}

const readOnly: Opts = { createable: false, updateable: false, nillable: false, defaultedOnCreate: true };
const required: Opts = { nillable: false };
const ref = (to: string, relationshipName: string, opts: Opts = {}): Opts => ({ referenceTo: [to], relationshipName, ...opts });
const pick = (values: string[], restricted = false, defaultValue?: string): Opts => ({
  picklistValues: values,
  restrictedPicklist: restricted,
  ...(defaultValue ? { defaultValue, defaultedOnCreate: true } : {}),
});

function systemFields(): FieldDef[] {
  return [
    field('Id', 'id', { ...readOnly, label: 'Record ID', idLookup: true }),
    field('IsDeleted', 'boolean', { ...readOnly, label: 'Deleted' }),
    field('CreatedDate', 'datetime', readOnly),
    field('CreatedById', 'reference', { ...readOnly, ...ref('User', 'CreatedBy') }),
    field('LastModifiedDate', 'datetime', readOnly),
    field('LastModifiedById', 'reference', { ...readOnly, ...ref('User', 'LastModifiedBy') }),
    field('SystemModstamp', 'datetime', { ...readOnly, label: 'System Modstamp' }),
  ];
}

const owner = () => field('OwnerId', 'reference', { ...ref('User', 'Owner'), nillable: false, defaultedOnCreate: true });
const personName = () => [
  field('FirstName', 'string', { length: 40 }),
  field('LastName', 'string', { ...required, length: 80 }),
  field('Name', 'string', { createable: false, updateable: false, nameField: true, calculated: true, length: 121, label: 'Full Name' }),
];
const mondayItemId = () => field('Monday_Item_Id__c', 'string', { length: 32, externalId: true, unique: true, label: 'Monday Item ID' });

const INDUSTRIES = ['Agriculture', 'Banking', 'Communications', 'Consulting', 'Education', 'Energy', 'Finance', 'Healthcare', 'Manufacturing', 'Media', 'Retail', 'Technology', 'Transportation'];
export const LEAD_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'];
export const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
export const STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];

function objectDef(name: string, keyPrefix: string, labelPlural: string, fields: FieldDef[]): ObjectDef {
  const all = [...systemFields().slice(0, 1), ...fields, ...systemFields().slice(1)];
  return {
    name,
    label: name,
    labelPlural,
    keyPrefix,
    custom: false,
    fields: all,
    byName: new Map(all.map((f) => [f.name.toLowerCase(), f])),
    byRelationship: new Map(all.filter((f) => f.relationshipName).map((f) => [f.relationshipName!.toLowerCase(), f])),
  };
}

export function buildSchema(): Map<string, ObjectDef> {
  const defs = [
    objectDef('Lead', '00Q', 'Leads', [
      ...personName(),
      field('Company', 'string', { ...required, length: 255 }),
      field('Title', 'string', { length: 128 }),
      field('Email', 'email'),
      field('Phone', 'phone'),
      field('MobilePhone', 'phone'),
      field('Website', 'url'),
      field('Street', 'textarea', { length: 255 }),
      field('City', 'string', { length: 40 }),
      field('State', 'string', { length: 80 }),
      field('PostalCode', 'string', { length: 20 }),
      field('Country', 'string', { length: 80 }),
      field('Status', 'picklist', { ...pick(LEAD_STATUSES, true, LEAD_STATUSES[0]), nillable: false }),
      field('LeadSource', 'picklist', pick(LEAD_SOURCES)),
      field('Industry', 'picklist', pick(INDUSTRIES)),
      field('Rating', 'picklist', pick(['Hot', 'Warm', 'Cold'])),
      field('AnnualRevenue', 'currency'),
      field('NumberOfEmployees', 'int'),
      field('Description', 'textarea'),
      field('HasOptedOutOfEmail', 'boolean', { nillable: false, defaultedOnCreate: true, defaultValue: 'false' }),
      owner(),
      mondayItemId(),
      field('Sync_Status__c', 'picklist', pick(['Pending', 'Synced', 'Error'], true)),
      field('Lead_Score__c', 'double'),
    ]),
    objectDef('Contact', '003', 'Contacts', [
      ...personName(),
      field('AccountId', 'reference', ref('Account', 'Account')),
      field('Title', 'string', { length: 128 }),
      field('Email', 'email'),
      field('Phone', 'phone'),
      field('MobilePhone', 'phone'),
      field('MailingCity', 'string', { length: 40 }),
      field('MailingCountry', 'string', { length: 80 }),
      field('Birthdate', 'date'),
      field('LeadSource', 'picklist', pick(LEAD_SOURCES)),
      field('Description', 'textarea'),
      owner(),
      mondayItemId(),
    ]),
    objectDef('Account', '001', 'Accounts', [
      field('Name', 'string', { ...required, nameField: true, length: 255, label: 'Account Name' }),
      field('Type', 'picklist', pick(['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other'])),
      field('Industry', 'picklist', pick(INDUSTRIES)),
      field('Phone', 'phone'),
      field('Website', 'url'),
      field('BillingCity', 'string', { length: 40 }),
      field('BillingCountry', 'string', { length: 80 }),
      field('AnnualRevenue', 'currency'),
      field('NumberOfEmployees', 'int'),
      field('Description', 'textarea'),
      owner(),
      mondayItemId(),
    ]),
    objectDef('Opportunity', '006', 'Opportunities', [
      field('Name', 'string', { ...required, nameField: true, length: 120 }),
      field('AccountId', 'reference', ref('Account', 'Account')),
      field('StageName', 'picklist', { ...pick(STAGES, true), nillable: false, label: 'Stage' }),
      field('CloseDate', 'date', required),
      field('Amount', 'currency'),
      field('Probability', 'percent'),
      field('IsClosed', 'boolean', { ...readOnly, calculated: true }),
      field('IsWon', 'boolean', { ...readOnly, calculated: true }),
      field('Description', 'textarea'),
      owner(),
      mondayItemId(),
    ]),
    objectDef('User', '005', 'Users', [
      field('Username', 'string', { ...required, length: 80, unique: true, idLookup: true }),
      ...personName(),
      field('Email', 'email', required),
      field('Alias', 'string', { length: 8 }),
      field('IsActive', 'boolean', { nillable: false, defaultedOnCreate: true, defaultValue: 'true', label: 'Active' }),
      field('Title', 'string', { length: 80 }),
    ]),
  ];
  return new Map(defs.map((d) => [d.name.toLowerCase(), d]));
}
