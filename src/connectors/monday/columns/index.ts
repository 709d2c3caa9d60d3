import { checkbox, dropdown, rating, status, tags } from './choice-columns';
import { boardRelation, country, location, people } from './relation-columns';
import { email, link, longText, numbers, phone, text } from './text-columns';
import { date, hour, timeline } from './time-columns';
import type { ColumnCodec } from './types';

export * from './types';
export { ColumnValueError } from './errors';
export { checkbox, dropdown, rating, status, tags, boardRelation, country, location, people, email, link, longText, numbers, phone, text, date, hour, timeline };
export type { PersonOrTeam, LocationValue } from './relation-columns';
export type { EmailValue, PhoneValue, LinkValue } from './text-columns';
export type { TimelineValue, HourValue } from './time-columns';

/** Every writable column type, keyed by monday's ColumnType name. */
export const COLUMN_CODECS: Readonly<Record<string, ColumnCodec<unknown>>> = Object.freeze(
  Object.fromEntries(
    [status, dropdown, people, date, numbers, text, longText, email, phone, link, checkbox, boardRelation, tags, timeline, hour, country, location, rating].map(
      (c) => [c.type, c as ColumnCodec<unknown>],
    ),
  ),
);

/** Types monday computes itself: writes to them are refused. */
export const READ_ONLY_COLUMN_TYPES: readonly string[] = [
  'auto_number', 'button', 'creation_log', 'file', 'formula', 'item_id', 'last_updated', 'mirror', 'progress', 'subtasks', 'time_tracking', 'vote',
];

export function codecFor(type: string): ColumnCodec<unknown> | undefined {
  return COLUMN_CODECS[type];
}

/** The write that clears a column: monday takes "" for text and numbers and {} for the others. */
export function clearWrite(type: string): '' | Record<string, never> {
  return type === 'text' || type === 'numbers' ? '' : {};
}
