/**
 * One codec per monday column type (n8n MondayCom V2 style): pure functions between a plain value a
 * flow works with, the JSON monday accepts on writes, and the value/text monday returns on reads.
 * `apply` is monday's server-side reading of a write: the twin stores what it returns, and the
 * monday out node can call it to reject a bad value before spending an API call.
 */
export type WriteValue = string | Record<string, unknown> | null;

/** A column value as monday returns it: `value` is a JSON string (or null), `text` the display text. */
export interface ReadCell {
  value: string | null;
  text: string | null;
}

/** Names the twin or a cache can resolve for display texts (people, linked items, tags). */
export interface Lookups {
  userName?(id: number): string | undefined;
  teamName?(id: number): string | undefined;
  itemName?(id: number): string | undefined;
  tagName?(id: number): string | undefined;
}

export interface ApplyContext {
  /** The column's settings object (labels for status/dropdown). */
  settings: Record<string, unknown>;
  /** create_labels_if_missing: unknown status/dropdown labels are added instead of rejected. */
  createLabels: boolean;
  /** ISO timestamp stamped into `changed_at`. */
  now: string;
  lookups?: Lookups;
}

export interface Applied {
  /** What monday then returns as `value` (parsed); null clears the column. */
  value: unknown;
  text: string;
  /** Present when the write created labels: the column's new settings. */
  settings?: Record<string, unknown>;
}

export interface ColumnCodec<P> {
  readonly type: string;
  /**
   * A loosely typed flow value (string, number, Date, list...) → this column's plain value; null when
   * the input is blank, which means "clear the column" (see clearWrite). Throws ColumnValueError.
   */
  coerce(input: unknown): P | null;
  /** Plain value → the JSON a write mutation's column_values carries for this column. */
  encode(plain: P): WriteValue;
  /** A read cell → the plain value (null when empty). */
  decode(cell: ReadCell, settings?: Record<string, unknown>): P | null;
  /** Validates a write value as monday does; throws ColumnValueError when monday would. */
  apply(write: unknown, ctx: ApplyContext): Applied;
  /** change_simple_column_value's string form → the JSON form (absent: the string is used as is). */
  fromSimple?(value: string): WriteValue;
}
