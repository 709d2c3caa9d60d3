import { makeId, normalizeId } from './ids';
import type { ObjectDef } from './schema';
import { buildSchema } from './schema';

export type SfValue = string | number | boolean | null;
export type SfRecord = Record<string, SfValue>;

/** Salesforce's REST datetime format: 2013-05-20T20:49:32.000+0000. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function parseDateTime(value: string): number {
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** One committed record change, the raw material of Change Data Capture events. */
export interface RecordChange {
  def: ObjectDef;
  type: 'CREATE' | 'UPDATE' | 'DELETE';
  /** The record after the change (a copy). */
  record: SfRecord;
  /** Fields the change set (UPDATE: only those whose value changed). */
  changedFields: string[];
  userId: string;
  /** The API client that made the change (Sforce-Call-Options client=...), for echo suppression. */
  origin: string;
  at: number;
}

interface Located {
  def: ObjectDef;
  record: SfRecord;
}

/**
 * In-memory records keyed by object and 18-character id. Deleted records stay (IsDeleted = true) so
 * queryAll sees them, as the recycle bin does. Every mutation can be journaled so allOrNone calls roll back.
 */
export class Store {
  readonly schema = buildSchema();
  private readonly tables = new Map<string, Map<string, SfRecord>>();
  private counter = 1;
  private journal: Array<() => void> | null = null;
  private frozenAt: number | null = null;
  private lastStamp = 0;
  /** Changes made inside a transaction wait here until it commits; rolled-back ones are never published. */
  private pendingChanges: RecordChange[] = [];
  private readonly listeners: Array<(c: RecordChange) => void> = [];
  private muted = false;

  constructor(readonly orgId: string) {
    for (const def of this.schema.values()) this.tables.set(def.name, new Map());
  }

  object(name: string): ObjectDef | undefined {
    return this.schema.get(name.toLowerCase());
  }

  /** Freezes the clock (every write gets this stamp, to reproduce equal SystemModstamps) or unfreezes it (null). */
  setClock(ms: number | null): void {
    this.frozenAt = ms;
  }

  /** Millisecond stamps, never going backwards unless the clock is frozen on purpose. */
  now(): number {
    if (this.frozenAt !== null) return this.frozenAt;
    this.lastStamp = Math.max(Date.now(), this.lastStamp);
    return this.lastStamp;
  }

  table(def: ObjectDef): Map<string, SfRecord> {
    return this.tables.get(def.name)!;
  }

  find(def: ObjectDef, id: string): SfRecord | undefined {
    const norm = normalizeId(id);
    return norm ? this.table(def).get(norm) : undefined;
  }

  /** Finds a record of any object by id, through its key prefix. */
  locate(id: string): Located | undefined {
    const norm = normalizeId(id);
    if (!norm) return undefined;
    for (const def of this.schema.values()) {
      if (norm.startsWith(def.keyPrefix)) {
        const record = this.table(def).get(norm);
        return record ? { def, record } : undefined;
      }
    }
    return undefined;
  }

  onChange(listener: (c: RecordChange) => void): void {
    this.listeners.push(listener);
  }

  /** Empties every object and restarts ids, so reseeding gives the same records and ids as at start. */
  clear(): void {
    for (const t of this.tables.values()) t.clear();
    this.counter = 1;
    this.pendingChanges.length = 0;
    this.frozenAt = null;
  }

  /** Runs fn without publishing change events (seeding is not a change anyone subscribed to). */
  quietly<T>(fn: () => T): T {
    this.muted = true;
    try {
      return fn();
    } finally {
      this.muted = false;
    }
  }

  private changed(def: ObjectDef, type: RecordChange['type'], record: SfRecord, changedFields: string[], userId: string, origin: string): void {
    if (this.muted) return;
    const change: RecordChange = { def, type, record: { ...record }, changedFields, userId, origin, at: this.now() };
    if (this.journal) this.pendingChanges.push(change);
    else for (const l of this.listeners) l(change);
  }

  insert(def: ObjectDef, values: SfRecord, userId: string, origin = ''): SfRecord {
    const id = makeId(def.keyPrefix, this.counter++);
    const stamp = formatDateTime(this.now());
    const record: SfRecord = {};
    for (const f of def.fields) record[f.name] = null;
    Object.assign(record, values, {
      Id: id,
      IsDeleted: false,
      CreatedDate: stamp,
      CreatedById: userId,
      LastModifiedDate: stamp,
      LastModifiedById: userId,
      SystemModstamp: stamp,
    });
    computeDerived(def, record);
    this.table(def).set(id, record);
    this.log(() => this.table(def).delete(id));
    this.changed(def, 'CREATE', record, [], userId, origin);
    return record;
  }

  update(def: ObjectDef, record: SfRecord, values: SfRecord, userId: string, origin = ''): void {
    const before = { ...record };
    const stamp = formatDateTime(this.now());
    Object.assign(record, values, { LastModifiedDate: stamp, LastModifiedById: userId, SystemModstamp: stamp });
    computeDerived(def, record);
    this.log(() => {
      for (const k of Object.keys(record)) delete record[k];
      Object.assign(record, before);
    });
    // Every update stamps LastModifiedDate, even one landing in the same millisecond as the previous write.
    const changed = Object.keys(record).filter((k) => (record[k] !== before[k] && k !== 'SystemModstamp') || k === 'LastModifiedDate');
    this.changed(def, 'UPDATE', record, changed, userId, origin);
  }

  remove(def: ObjectDef, record: SfRecord, userId: string, origin = ''): void {
    const stamp = formatDateTime(this.now());
    const before = { IsDeleted: record.IsDeleted, SystemModstamp: record.SystemModstamp };
    record.IsDeleted = true;
    record.SystemModstamp = stamp;
    this.log(() => Object.assign(record, before));
    this.changed(def, 'DELETE', record, [], userId, origin);
  }

  /** Permanently removes a record (Bulk hardDelete, test resets). */
  purge(def: ObjectDef, id: string): void {
    const record = this.table(def).get(id);
    if (!record) return;
    this.table(def).delete(id);
    this.log(() => this.table(def).set(id, record));
  }

  /** Runs fn; when it throws, or returns false, every mutation it made is undone. */
  transaction<T>(fn: () => T, keep: (result: T) => boolean = () => true): T {
    const outer = this.journal;
    const journal: Array<() => void> = [];
    const changesBefore = this.pendingChanges.length;
    this.journal = journal;
    let result: T;
    try {
      result = fn();
    } catch (e) {
      this.journal = outer;
      undo(journal);
      this.pendingChanges.length = changesBefore;
      throw e;
    }
    this.journal = outer;
    if (!keep(result)) {
      undo(journal);
      this.pendingChanges.length = changesBefore;
    } else if (outer) outer.push(...journal);
    else this.publishPending();
    return result;
  }

  private publishPending(): void {
    const changes = this.pendingChanges.splice(0);
    for (const c of changes) for (const l of this.listeners) l(c);
  }

  private log(undoStep: () => void): void {
    this.journal?.push(undoStep);
  }
}

function undo(journal: Array<() => void>): void {
  for (let i = journal.length - 1; i >= 0; i--) journal[i]();
}

const CLOSED_STAGES = new Set(['Closed Won', 'Closed Lost']);

/** Formula-like fields Salesforce computes itself. */
function computeDerived(def: ObjectDef, record: SfRecord): void {
  if (def.byName.get('name')?.calculated) {
    record.Name = [record.FirstName, record.LastName].filter((v) => v !== null && v !== '').join(' ');
  }
  if (def.name === 'Opportunity') {
    record.IsClosed = CLOSED_STAGES.has(String(record.StageName));
    record.IsWon = record.StageName === 'Closed Won';
  }
}
