/**
 * Secret redaction for anything we persist or display (sync_log payloads, error_log snapshots,
 * status text). Keys are matched by name because flows put tokens in arbitrary places.
 */
export const REDACTED = '[redacted]';

const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|auth[-_]?header|credential|private[-_]?key|session[-_]?id|cookie|signature|assertion/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Deep copy with secret-looking keys replaced; cycles and depth are bounded so any msg is safe. */
export function redact(value: unknown, maxDepth = 12): unknown {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'function' || typeof v === 'symbol') return undefined;
      return v;
    }
    if (seen.has(v)) return '[circular]';
    if (depth >= maxDepth) return '[truncated]';
    seen.add(v);
    if (Buffer.isBuffer(v)) return `[buffer ${v.length} bytes]`;
    if (v instanceof Date) return v.toISOString();
    if (v instanceof Error) return { name: v.name, message: v.message };
    if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) {
      out[k] = isSecretKey(k) && child !== null && child !== undefined && child !== '' ? REDACTED : walk(child, depth + 1);
    }
    return out;
  };
  return walk(value, 0);
}

/** Removes known secret values (tokens, passwords) wherever they appear in a text. */
export function redactText(text: string, secrets: ReadonlyArray<string | undefined | null>): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join(REDACTED);
  }
  return out;
}
