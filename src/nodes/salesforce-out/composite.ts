/**
 * The `composite` operation of salesforce out: msg.payload is a list of up to 25 entries
 * {referenceId, object, operation, record, externalIdField?} written in one all-or-none Composite
 * call. Output 1 gets the records with their Id and crm.results keyed by referenceId; output 2 the
 * whole graph when Salesforce refused it, with every entry's error.
 */
import { COMPOSITE_LIMIT, HALTED_CODE, writeComposite } from '../../connectors/salesforce';
import type { CompositeResult, SalesforceClient } from '../../connectors/salesforce';
import { CrmError } from '../../core/errors';
import type { Msg } from '../shared/runtime';

export interface CompositeDefaults {
  object?: string;
  externalIdField?: string;
  allowDuplicates?: boolean;
}

/** Throws the node error for a payload that is not a list of 1 to 25 entries. */
export function compositeEntries(payload: unknown): unknown[] {
  if (Array.isArray(payload) && payload.length > 0 && payload.length <= COMPOSITE_LIMIT) return payload;
  const got = Array.isArray(payload) ? `a list of ${payload.length}` : payload === null ? 'null' : typeof payload;
  throw new CrmError('SF_COMPOSITE_INPUT', `Composite needs msg.payload = a list of 1 to ${COMPOSITE_LIMIT} entries; got ${got}`, { params: { type: got, limit: COMPOSITE_LIMIT } });
}

function withId(entry: unknown, r: CompositeResult): unknown {
  const record = entry && typeof entry === 'object' ? (entry as { record?: unknown }).record : undefined;
  return { ...(record && typeof record === 'object' ? record : {}), Id: r.id };
}

const errorOf = (r: CompositeResult) => ({
  index: r.index,
  referenceId: r.referenceId,
  object: r.object,
  statusCode: r.errors[0]?.statusCode ?? 'UNKNOWN',
  message: r.errors.map((e) => e.message).join('; '),
  fields: [...new Set(r.errors.flatMap((e) => e.fields))],
  errors: r.errors,
});

/** [written msg | null, refused msg | null]: all entries land together on one of them. */
export function compositeMessages(msg: Msg, entries: unknown[], results: CompositeResult[]): [Msg | null, Msg | null] {
  const objects = [...new Set(results.map((r) => r.object).filter(Boolean))];
  const ok = results.every((r) => r.success);
  const crm = { object: objects.join(', '), operation: 'composite', total: entries.length, succeeded: ok ? entries.length : 0, failed: ok ? 0 : entries.length };
  if (ok) {
    const byRef = Object.fromEntries(results.map((r) => [r.referenceId, { index: r.index, object: r.object, operation: r.operation, id: r.id, created: r.created }]));
    return [{ ...msg, payload: results.map((r) => withId(entries[r.index], r)), crm: { ...crm, results: byRef } } as Msg, null];
  }
  const errors = results.map(errorOf);
  // The entry that made Salesforce refuse the graph (the others only report the halt).
  const cause = errors.find((e) => e.statusCode !== HALTED_CODE) ?? errors[0];
  return [null, { ...msg, payload: entries, errors, error: { ...cause, source: 'salesforce' }, crm } as Msg];
}

export async function runComposite(client: SalesforceClient, msg: Msg, defaults: CompositeDefaults): Promise<{ messages: [Msg | null, Msg | null]; counts: { succeeded: number; failed: number } }> {
  const entries = compositeEntries(msg.payload);
  const results = await writeComposite(client, entries, {
    defaultObject: typeof msg.object === 'string' && msg.object ? msg.object : defaults.object || undefined,
    defaultExternalIdField: typeof msg.externalIdField === 'string' && msg.externalIdField ? msg.externalIdField : defaults.externalIdField || undefined,
    allowDuplicates: defaults.allowDuplicates,
  });
  const messages = compositeMessages(msg, entries, results);
  return { messages, counts: messages[0] ? { succeeded: entries.length, failed: 0 } : { succeeded: 0, failed: entries.length } };
}
