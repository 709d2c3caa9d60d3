/**
 * The mapping document and the neutral target-schema model. A mapping is plain JSON (versioned,
 * checked against mapping.schema.json) so it can live in a node, a file or a message.
 */

/** One step of a transform chain: a bare name ("trim") or a name with options. */
export type TransformSpec = string | ({ type: string } & Record<string, unknown>);

export interface MappingRow {
  target: string;
  /** Dotted path into the source record ("column_values.email.text", "items[0].name"). */
  source?: string;
  /** Several source paths; the chain receives an array (e.g. first + last name for joinName). */
  sources?: string[];
  constant?: unknown;
  /** JSONata evaluated against the source record. */
  expression?: string;
  transform?: TransformSpec | TransformSpec[];
  /** Used when the source value is missing/empty or the chain yields nothing. */
  default?: unknown;
  required?: boolean;
  /** Target field type the row was written for; lets schema evolution spot type changes. */
  targetType?: string;
  comment?: string;
}

export interface MappingOptions {
  /** BCP 47 locale for number/date parsing ("de-DE"). */
  locale?: string;
  /** IANA zone source dates without an offset are read in ("Europe/Berlin"). */
  timeZone?: string;
  /** ISO 3166 country for phone numbers written without a country code ("DE"). */
  defaultCountry?: string;
}

export interface Mapping {
  $schema?: string;
  version: 1;
  name?: string;
  description?: string;
  source?: { system?: string; object?: string };
  target?: { system?: string; object?: string };
  options?: MappingOptions;
  rows: MappingRow[];
}

/** One thing wrong with one record. `field` is the target field ('' for the record itself). */
export interface Problem {
  field: string;
  code: string;
  message: string;
}

export type FieldType =
  | 'string'
  | 'text'
  | 'email'
  | 'phone'
  | 'url'
  | 'number'
  | 'integer'
  | 'currency'
  | 'percent'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'picklist'
  | 'multipicklist'
  | 'reference'
  | 'id'
  | 'people'
  | 'json'
  | 'any';

export interface TargetField {
  name: string;
  label?: string;
  type: FieldType;
  /** Maximum characters for text-like fields. */
  length?: number;
  required?: boolean;
  /** Allowed values; enforced when `restricted` is not false. */
  picklist?: string[];
  restricted?: boolean;
  /** Cannot be written (formula, auto number, audit fields). */
  readOnly?: boolean;
  /** Usable as a match key for upserts (Id, external ids). */
  key?: boolean;
}

export interface TargetSchema {
  /** Which system/object this came from, for messages ("salesforce:Lead"). */
  name?: string;
  fields: TargetField[];
}
