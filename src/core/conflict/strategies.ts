/**
 * Built-in strategies. Every decision ends in one deterministic order so the same input always
 * gives the same winner:
 *   last write wins: newest time first (per-field time when the system gave one, else its record
 *     time; a system with no time at all loses to any system with one) → then source priority;
 *   source priority: the configured list, most trusted first; systems not listed come after every
 *     listed one, in alphabetical order (by UTF-16 code unit, locale independent).
 */
import type { RuleName } from './types';

export interface Candidate {
  system: string;
  value: unknown;
  /** Modification time of this value, epoch ms, when known. */
  time?: number;
}

export interface Decision {
  winner: string;
  value: unknown;
  rule: RuleName;
  reason: string;
}

/** Sort key for source priority: listed systems by position, then unlisted ones alphabetically. */
export function priorityCompare(priority: readonly string[]): (a: string, b: string) => number {
  return (a, b) => {
    const ia = priority.indexOf(a);
    const ib = priority.indexOf(b);
    const ra = ia === -1 ? priority.length : ia;
    const rb = ib === -1 ? priority.length : ib;
    if (ra !== rb) return ra - rb;
    return a < b ? -1 : a > b ? 1 : 0;
  };
}

export function byPriority(candidates: readonly Candidate[], priority: readonly string[]): Decision {
  const order = priorityCompare(priority);
  const [first] = [...candidates].sort((a, b) => order(a.system, b.system));
  const listed = priority.includes(first.system);
  return {
    winner: first.system,
    value: first.value,
    rule: 'source-priority',
    reason: listed ? 'first in source priority' : 'no listed system competed, alphabetical order',
  };
}

export function lastWriteWins(candidates: readonly Candidate[], priority: readonly string[]): Decision {
  const timed = candidates.filter((c) => c.time !== undefined);
  if (timed.length === 0) {
    const d = byPriority(candidates, priority);
    return { ...d, rule: 'last-write-wins', reason: `no modification times, ${d.reason}` };
  }
  const newest = Math.max(...timed.map((c) => c.time as number));
  const top = timed.filter((c) => c.time === newest);
  const at = new Date(newest).toISOString();
  if (top.length === 1) return { winner: top[0].system, value: top[0].value, rule: 'last-write-wins', reason: `newest change at ${at}` };
  const d = byPriority(top, priority);
  return { ...d, rule: 'last-write-wins', reason: `equal times at ${at}, ${d.reason}` };
}
