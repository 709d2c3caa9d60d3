import { randomUUID } from 'node:crypto';
import type { RecordChange, SfRecord } from './store';
import { parseDateTime } from './store';

/** A published change event, as the Streaming API delivers it on a channel. */
export interface ChangeEvent {
  replayId: number;
  entityName: string;
  data: { schema: string; payload: Record<string, unknown>; event: { replayId: number } };
}

const COMPOUND_NAME = ['Salutation', 'FirstName', 'LastName'];
const SKIP = new Set(['Id', 'IsDeleted', 'SystemModstamp']);
/** A calculated person Name is not a field of its own in CDC: its parts travel under Name. */
const skipped = (change: RecordChange, name: string) => SKIP.has(name) || (name === 'Name' && change.def.byName.get('name')?.calculated === true);
/** Salesforce keeps change events for 72 hours; the twin keeps the latest ones, up to this many. */
const RETAINED = 10_000;

/** CDC payload values: datetimes become ISO 8601 with Z, person names nest under the compound Name field. */
function payloadFields(change: RecordChange, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const compound = change.def.byName.get('name')?.calculated === true;
  for (const name of fields) {
    if (skipped(change, name)) continue;
    const f = change.def.byName.get(name.toLowerCase());
    if (!f) continue;
    const raw = change.record[name];
    const value = f.type === 'datetime' && typeof raw === 'string' ? new Date(parseDateTime(raw)).toISOString() : raw;
    if (compound && COMPOUND_NAME.includes(name)) {
      const nameField = (out.Name ??= {}) as Record<string, unknown>;
      nameField[name] = value;
    } else out[name] = value;
  }
  return out;
}

function changedFieldNames(change: RecordChange): string[] {
  const compound = change.def.byName.get('name')?.calculated === true;
  return change.changedFields.filter((f) => !skipped(change, f)).map((f) => (compound && COMPOUND_NAME.includes(f) ? `Name.${f}` : f));
}

/**
 * Change Data Capture: every committed record change becomes one event on /data/ChangeEvents and
 * /data/<Object>ChangeEvent, numbered by a replay id that only grows.
 */
export class ChangeLog {
  private readonly events: ChangeEvent[] = [];
  private nextReplayId = 1;
  private readonly listeners: Array<(e: ChangeEvent) => void> = [];

  onEvent(listener: (e: ChangeEvent) => void): void {
    this.listeners.push(listener);
  }

  record(change: RecordChange): void {
    const replayId = this.nextReplayId++;
    const fields = change.type === 'CREATE' ? Object.keys(change.record).filter((k) => change.record[k] !== null) : change.type === 'UPDATE' ? change.changedFields : [];
    const header = {
      entityName: change.def.name,
      recordIds: [change.record.Id],
      changeType: change.type,
      changeOrigin: change.origin,
      transactionKey: randomUUID(),
      sequenceNumber: 1,
      commitTimestamp: change.at,
      commitNumber: replayId,
      commitUser: change.userId,
      nulledFields: change.type === 'UPDATE' ? changedFieldNames(change).filter((f) => fieldValue(change.record, f) === null) : [],
      diffFields: [],
      changedFields: change.type === 'UPDATE' ? changedFieldNames(change) : [],
    };
    const event: ChangeEvent = {
      replayId,
      entityName: change.def.name,
      data: { schema: `twin-${change.def.name}-schema`, payload: { ChangeEventHeader: header, ...payloadFields(change, fields) }, event: { replayId } },
    };
    this.events.push(event);
    if (this.events.length > RETAINED) this.events.shift();
    for (const l of this.listeners) l(event);
  }

  /** Retained events after replayId (-2: all retained; -1: none, only new ones). */
  since(replayId: number): ChangeEvent[] {
    if (replayId === -1) return [];
    if (replayId === -2) return [...this.events];
    return this.events.filter((e) => e.replayId > replayId);
  }

  /** The oldest replay id still retained (the next one when nothing is). */
  get earliestReplayId(): number {
    return this.events[0]?.replayId ?? this.nextReplayId;
  }
}

function fieldValue(record: SfRecord, name: string): unknown {
  return record[name.replace(/^Name\./, '')];
}

/** Whether an event belongs on a channel: /data/ChangeEvents carries every object, /data/XChangeEvent one. */
export function onChannel(event: ChangeEvent, channel: string): boolean {
  return channel === '/data/ChangeEvents' || channel === `/data/${event.entityName}ChangeEvent`;
}
