import { SfError } from './http';
import type { ApiFamily } from './limits';
import { API_FAMILIES } from './limits';
import { prng } from './prng';

/** A fault that happens on the next matching request(s), in order: deterministic scripting for tests. */
export interface ScriptedFault {
  kind: 'error' | 'lock' | 'drop' | 'latency';
  /** HTTP status for kind 'error' (default 503). */
  status?: number;
  errorCode?: string;
  message?: string;
  /** Delay for kind 'latency'. */
  ms?: number;
  /** Only requests of this API family trigger it (default: any). */
  family?: ApiFamily;
  /** How many matching requests it applies to (default 1). */
  times?: number;
}

export interface FaultOptions {
  /** Seed of the PRNG that decides random faults; the same seed and request sequence give the same faults. */
  seed?: number;
  /** Share (0..1) of API requests answered with a 500 UNKNOWN_EXCEPTION or 503 SERVER_UNAVAILABLE. */
  errorRate?: number;
  /** Share of writes refused with UNABLE_TO_LOCK_ROW. */
  lockRate?: number;
  /** Share of requests whose connection is dropped without an answer. */
  dropRate?: number;
  /** Added latency on every API request, plus up to jitterMs more. */
  latencyMs?: number;
  jitterMs?: number;
  /** Limit random faults to these families (default: all but auth). */
  families?: ApiFamily[];
  script?: ScriptedFault[];
}

export type Decision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'drop'; delayMs: number }
  | { kind: 'error'; delayMs: number; status: number; errorCode: string; message: string };

const RATES = ['errorRate', 'lockRate', 'dropRate'] as const;
const KINDS = new Set(['error', 'lock', 'drop', 'latency']);

/** Validates fault options arriving as JSON at /__twin/faults, so a typo fails loudly instead of doing nothing. */
export function checkFaultOptions(value: unknown): FaultOptions {
  const bad = (why: string) => new SfError(400, 'INVALID_INPUT', `Invalid fault options: ${why}`);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad('expected a JSON object');
  const o = value as Record<string, unknown>;
  const known = new Set(['seed', ...RATES, 'latencyMs', 'jitterMs', 'families', 'script']);
  for (const key of Object.keys(o)) if (!known.has(key)) throw bad(`unknown option ${key}`);
  for (const r of RATES) if (o[r] !== undefined && !(typeof o[r] === 'number' && o[r] >= 0 && o[r] <= 1)) throw bad(`${r} must be a number from 0 to 1`);
  for (const n of ['seed', 'latencyMs', 'jitterMs']) if (o[n] !== undefined && !(typeof o[n] === 'number' && o[n] >= 0)) throw bad(`${n} must be a non-negative number`);
  if (o.families !== undefined && !(Array.isArray(o.families) && o.families.every((f) => (API_FAMILIES as readonly unknown[]).includes(f)))) throw bad(`families must list some of ${API_FAMILIES.join(', ')}`);
  if (o.script !== undefined && !(Array.isArray(o.script) && o.script.every((s) => s && typeof s === 'object' && KINDS.has((s as ScriptedFault).kind)))) throw bad('script must be an array of {kind: error|lock|drop|latency, ...}');
  return o as FaultOptions;
}

const WRITE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export class Faults {
  private options: FaultOptions = {};
  private rand: () => number = prng(1);
  private script: ScriptedFault[] = [];

  constructor(options?: FaultOptions) {
    this.configure(options ?? {});
  }

  configure(options: FaultOptions): void {
    this.options = { ...options };
    this.rand = prng(options.seed ?? 1);
    this.script = (options.script ?? []).map((s) => ({ ...s }));
  }

  current(): FaultOptions {
    return { ...this.options, script: this.script.map((s) => ({ ...s })) };
  }

  decide(family: ApiFamily, method: string): Decision {
    const o = this.options;
    const delayMs = (o.latencyMs ?? 0) + (o.jitterMs ? Math.floor(this.rand() * o.jitterMs) : 0);
    // A script entry without a family matches API calls only; auth faults must be asked for by name.
    const idx = this.script.findIndex((s) => (s.family ? s.family === family : family !== 'auth'));
    if (idx >= 0) {
      const s = this.script[idx];
      s.times = (s.times ?? 1) - 1;
      if (s.times <= 0) this.script.splice(idx, 1);
      if (s.kind === 'latency') return { kind: 'none', delayMs: delayMs + (s.ms ?? 1000) };
      if (s.kind === 'drop') return { kind: 'drop', delayMs };
      if (s.kind === 'lock') return lockError(delayMs);
      return { kind: 'error', delayMs, status: s.status ?? 503, errorCode: s.errorCode ?? 'SERVER_UNAVAILABLE', message: s.message ?? 'Server temporarily unavailable' };
    }
    const eligible = o.families ? o.families.includes(family) : family !== 'auth';
    if (!eligible) return { kind: 'none', delayMs };
    // Always draw the same number of values per request so one rate does not shift another's sequence.
    const [r1, r2, r3, r4] = [this.rand(), this.rand(), this.rand(), this.rand()];
    if (r1 < (o.dropRate ?? 0)) return { kind: 'drop', delayMs };
    if (r2 < (o.errorRate ?? 0)) {
      return r4 < 0.5
        ? { kind: 'error', delayMs, status: 500, errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)' }
        : { kind: 'error', delayMs, status: 503, errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable' };
    }
    if (WRITE.has(method) && r3 < (o.lockRate ?? 0)) return lockError(delayMs);
    return { kind: 'none', delayMs };
  }
}

function lockError(delayMs: number): Decision {
  return {
    kind: 'error',
    delayMs,
    status: 400,
    errorCode: 'UNABLE_TO_LOCK_ROW',
    message: 'unable to obtain exclusive access to this record or 1 records',
  };
}
