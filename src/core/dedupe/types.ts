/** Shapes shared by the dedupe core. Profile fields are the vocabulary; records are mapped onto them. */

/** How a field is normalized and compared. */
export type FieldKind =
  | 'givenName'
  | 'surname'
  | 'fullName'
  | 'email'
  | 'phone'
  | 'company'
  | 'address'
  | 'city'
  | 'postcode'
  | 'date'
  | 'id'
  | 'domain'
  | 'text'
  | 'exact';

export type AgreementLevel = 'agree' | 'partial' | 'disagree' | 'missing';

export type SurvivorshipRule = 'mostRecent' | 'mostComplete' | 'sourcePriority' | 'first';

export interface FieldSpec {
  /** Profile field name ("email", "lastName", ...). */
  field: string;
  kind: FieldKind;
  /** P(values agree | same entity). */
  m: number;
  /** P(values agree | different entities): how common a chance agreement is. */
  u: number;
  /** P(partial agreement | same entity); 0 disables the partial level. */
  pm?: number;
  /** P(partial agreement | different entities). */
  pu?: number;
  /** Similarity (0..1) at or above which two different values still count as a partial agreement. */
  partialAt?: number;
}

/** One blocking rule: the key is the concatenation of its parts; a missing part means no key. */
export interface BlockingRule {
  name: string;
  parts: Array<{ field: string; transform?: BlockingTransform }>;
  /** Sort the parts before joining, so swapped fields (first/last name) give the same key. */
  unordered?: boolean;
}

export type BlockingTransform = 'value' | 'soundex' | 'prefix3' | 'prefix1' | 'year' | 'firstWord' | 'tail7' | 'emailLocal';

export interface Profile {
  name: string;
  fields: FieldSpec[];
  blocking: BlockingRule[];
  /** A record needs at least one of these fields to be compared at all. */
  requireAny: string[];
  /** Field pairs people commonly swap (first/last name): crossed agreement counts as agreement. */
  swaps?: Array<[string, string]>;
  /** Default thresholds in bits (total log-likelihood ratio): match at or above, review in between. */
  thresholds: { match: number; review: number };
}

export interface NormalizeOptions {
  /** ISO 3166 alpha-2 country for phone numbers written without +country code. */
  defaultCountry?: string;
  stripPlusTag?: boolean;
  gmailDots?: boolean;
}

/** A record after validation and normalization: normalized values by profile field, and its block keys. */
export interface PreparedRecord {
  id: string;
  values: Record<string, string>;
  keys: string[];
}

export interface FieldOutcome {
  field: string;
  level: AgreementLevel;
  weight: number;
  similarity?: number;
}

export interface PairScore {
  score: number;
  fields: FieldOutcome[];
}
