/**
 * The conflict resolver's entry point: validate a message's versions and snapshot, then resolve.
 * Bad input never throws anything but a CrmError with code CONFLICT_INPUT_INVALID listing every
 * problem found (at most a handful, with their paths), so the node can route it to its error output.
 */
import { CrmError } from '../errors';
import { InputProblems, parseSnapshot, parseVersions } from './input';
import type { CompiledExpression } from './jsonata-strategy';
import { resolveRecord } from './resolve';
import type { ResolveOptions, ResolveResult, Snapshot } from './types';

const SHOWN_PROBLEMS = 5;

export interface ResolveRequest {
  payload: unknown;
  /** msg.snapshot (wins over the store) or the store's snapshot, or nothing for a two-way compare. */
  snapshot?: unknown;
  entity?: string | null;
  now?: () => Date;
}

export function invalidInput(problems: string[]): CrmError {
  const shown = problems.slice(0, SHOWN_PROBLEMS).join('; ');
  const more = problems.length > SHOWN_PROBLEMS ? ` (and ${problems.length - SHOWN_PROBLEMS} more)` : '';
  return new CrmError('CONFLICT_INPUT_INVALID', `Invalid input: ${shown}${more}`, {
    params: { problems: `${shown}${more}`, count: problems.length },
    details: { problems: problems.slice(0, 50) },
  });
}

/** Parses and checks the input; throws CONFLICT_INPUT_INVALID when anything is wrong. */
export function parseRequest(request: ResolveRequest, options: ResolveOptions) {
  const problems = new InputProblems();
  const versions = parseVersions(request.payload, options.timeField, problems);
  const snapshot: Snapshot | undefined = parseSnapshot(request.snapshot, problems);
  if (!problems.ok) throw invalidInput(problems.list);
  return { versions, snapshot };
}

export async function resolve(request: ResolveRequest, options: ResolveOptions, expr?: CompiledExpression): Promise<ResolveResult> {
  const { versions, snapshot } = parseRequest(request, options);
  return resolveRecord({ versions, snapshot, entity: request.entity ?? null, now: request.now }, options, expr);
}

export { buildOptions, nameList, STRATEGIES } from './options';
export { compileExpression } from './jsonata-strategy';
export { recordHash } from './hash';
export { DEFAULT_EQUIVALENCE, sameValue, valueKey } from './normalize';
export { KeyedQueue } from './keyed-queue';
export { MemorySnapshotStore } from './snapshot-store';
export type { SnapshotStore } from './snapshot-store';
export { PgSnapshotStore } from './snapshot-store-pg';
export type * from './types';
