/**
 * Conflict report entries, shaped for the pg logger (msg.crm): the sync_log columns (recordId, status,
 * event, system, message) plus the facts (values per system, base, winner, rule, reason, times).
 */
import type { FieldConflict, RuledDecision } from './decide';
import type { ConflictEntry } from './types';

const RULE_LABELS: Record<string, string> = {
  'last-write-wins': 'last write wins',
  'source-priority': 'source priority',
  jsonata: 'JSONata expression',
  'jsonata-value': 'JSONata expression',
};

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export function conflictEntry(conflict: FieldConflict, decision: RuledDecision): ConflictEntry {
  const values: Record<string, unknown> = {};
  const modified: Record<string, string | null> = {};
  for (const c of conflict.participants) {
    values[c.system] = c.value;
    modified[c.system] = c.time === undefined ? null : new Date(c.time).toISOString();
  }
  const losers = conflict.candidates.filter((c) => c.system !== decision.winner).map((c) => c.system);
  const label = `${RULE_LABELS[decision.rule]}${decision.fieldRule ? ', field rule' : ''}`;
  const subject = conflict.entity ? `${conflict.entity} ${conflict.field}` : conflict.field;
  const message =
    decision.winner === 'expression'
      ? `${subject}: conflict between ${conflict.candidates.map((c) => c.system).join(', ')} resolved to ${short(decision.value)} (${label})`
      : `${subject}: ${decision.winner} won over ${losers.join(', ')} with ${short(decision.value)} (${label}: ${decision.reason})`;
  return {
    entity: conflict.entity,
    field: conflict.field,
    values,
    changed: conflict.candidates.map((c) => c.system),
    base: conflict.base === undefined ? null : conflict.base,
    winner: decision.winner,
    value: decision.value,
    rule: decision.rule,
    fieldRule: decision.fieldRule,
    reason: decision.reason,
    modified,
    recordId: conflict.entity,
    // sync_log's status vocabulary (success|failed|skipped): the conflict itself was resolved.
    status: 'success',
    event: 'conflict_resolved',
    system: decision.winner,
    message,
  };
}
