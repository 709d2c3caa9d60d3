/**
 * Three-way resolution of one record held by several systems.
 *
 * For each field, against the snapshot (the last-synced record):
 * - nobody changed it → the snapshot value stays;
 * - changed on one side, or on several sides to the same value → that value wins, no conflict;
 * - changed on several sides to different values → conflict, decided by the strategy.
 * Without a snapshot (two-way) every difference between the systems is a conflict.
 * A system that does not report a field has no say on it (webhooks often send changed fields
 * only); it is assumed to hold the snapshot value, and gets the field in its patch when that differs.
 * A version equal (by hash) to what we last wrote to that system is an echo of our own write: it takes
 * no part; when every version is an echo the whole message is an echo and nothing is to be written.
 */
import { decide } from './decide';
import type { FieldConflict } from './decide';
import { recordHash } from './hash';
import type { CompiledExpression } from './jsonata-strategy';
import { valueKey } from './normalize';
import { conflictEntry } from './report';
import { priorityCompare } from './strategies';
import type { Candidate } from './strategies';
import type { ConflictEntry, FieldChange, FieldValues, ResolveOptions, ResolveResult, Snapshot, SystemVersion } from './types';

export interface ResolveInput {
  versions: SystemVersion[];
  snapshot?: Snapshot;
  entity?: string | null;
  /** Clock for the snapshot's updatedAt (tests pin it). */
  now?: () => Date;
}

const has = (obj: object | undefined, key: string): boolean => obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key);

function ignoredFields(options: ResolveOptions): Set<string> {
  const set = new Set(options.ignoreFields);
  if (options.timeField) set.add(options.timeField);
  return set;
}

/** Field names in a stable order: snapshot order first, then as the systems list them. */
function fieldOrder(base: FieldValues | undefined, versions: SystemVersion[], ignore: Set<string>): string[] {
  const seen = new Set<string>();
  for (const source of [base ?? {}, ...versions.map((v) => v.record)]) {
    for (const field of Object.keys(source)) if (!ignore.has(field)) seen.add(field);
  }
  return [...seen];
}

function project(record: FieldValues, fields: Iterable<string>): FieldValues {
  const out: FieldValues = {};
  for (const f of fields) if (has(record, f)) out[f] = record[f];
  return out;
}

export async function resolveRecord(input: ResolveInput, options: ResolveOptions, expr?: CompiledExpression): Promise<ResolveResult> {
  const eq = options.equivalence;
  const ignore = ignoredFields(options);
  const snapshot = input.snapshot;
  const entity = input.entity ?? null;
  const echoes = input.versions
    .filter((v) => snapshot?.hashes[v.system] !== undefined && snapshot.hashes[v.system] === recordHash(v.record, eq, ignore))
    .map((v) => v.system);
  if (echoes.length > 0 && echoes.length === input.versions.length) return { kind: 'echo', echoes };

  const active = input.versions.filter((v) => !echoes.includes(v.system));
  const base = snapshot?.record;
  const order = priorityCompare(options.priority);
  const record: FieldValues = {};
  const conflicts: ConflictEntry[] = [];
  const changes: FieldChange[] = [];

  for (const field of fieldOrder(base, input.versions, ignore)) {
    const participants: Candidate[] = active
      .filter((v) => has(v.record, field))
      .map((v) => ({ system: v.system, value: v.record[field], time: v.modified[field] ?? v.modifiedAt }))
      .sort((a, b) => order(a.system, b.system));
    const baseKey = valueKey(base?.[field], eq);
    const candidates = base ? participants.filter((c) => valueKey(c.value, eq) !== baseKey) : participants;
    const distinct = new Set(candidates.map((c) => valueKey(c.value, eq)));
    if (candidates.length === 0) {
      if (has(base, field)) record[field] = base?.[field];
      else {
        const echoed = input.versions.find((v) => has(v.record, field));
        if (echoed) record[field] = echoed.record[field];
      }
    } else if (distinct.size === 1) {
      record[field] = candidates[0].value;
      if (base) changes.push({ field, systems: candidates.map((c) => c.system), value: candidates[0].value });
    } else {
      const conflict: FieldConflict = { field, entity, base: base?.[field], participants, candidates };
      const decision = await decide(conflict, options, expr);
      record[field] = decision.value;
      conflicts.push(conflictEntry(conflict, decision));
    }
  }

  const { patches, hashes } = patchesFor(input.versions, snapshot, record, options, ignore);
  return {
    kind: 'resolved',
    mode: base ? 'three-way' : 'two-way',
    record,
    patches,
    conflicts,
    changes,
    echoes,
    snapshot: { ...(entity ? { key: entity } : {}), record, hashes, updatedAt: (input.now?.() ?? new Date()).toISOString() },
  };
}

/**
 * Per system: the fields whose resolved value differs from what that system holds (its version, or
 * the snapshot for fields it did not report or when it sent nothing), and the hash of the record it
 * will hold once its patch is written.
 */
function patchesFor(versions: SystemVersion[], snapshot: Snapshot | undefined, record: FieldValues, options: ResolveOptions, ignore: Set<string>) {
  const eq = options.equivalence;
  const systems = [...new Set([...versions.map((v) => v.system), ...Object.keys(snapshot?.hashes ?? {})])].sort();
  const patches: Record<string, FieldValues> = {};
  const hashes: Record<string, string> = {};
  for (const system of systems) {
    const version = versions.find((v) => v.system === system);
    const patch: FieldValues = {};
    for (const [field, value] of Object.entries(record)) {
      const reported = version !== undefined && has(version.record, field);
      const holds = reported ? { known: true, value: version.record[field] } : { known: snapshot !== undefined, value: snapshot?.record[field] };
      const differs = holds.known ? valueKey(holds.value, eq) !== valueKey(value, eq) : valueKey(value, eq) !== 'null';
      if (differs) patch[field] = value;
    }
    patches[system] = patch;
    const unchangedAbsent = !version && Object.keys(patch).length === 0 && snapshot?.hashes[system] !== undefined;
    const held = version ? [...Object.keys(version.record), ...Object.keys(patch)] : Object.keys(record);
    hashes[system] = unchangedAbsent ? (snapshot?.hashes[system] as string) : recordHash(project(record, held), eq, ignore);
  }
  return { patches, hashes };
}
