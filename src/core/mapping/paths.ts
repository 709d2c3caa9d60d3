/** Dotted paths into records: `a.b`, `items[0].name`, `["key.with.dots"]`. Own properties only. */

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

export function parsePath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|([^.[\]]+)/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(m[2].replace(/\\(.)/g, '$1'));
    else out.push(m[3]);
  }
  return out;
}

export function getPath(record: unknown, path: string): unknown {
  if (record && typeof record === 'object' && Object.prototype.hasOwnProperty.call(record, path)) return (record as Record<string, unknown>)[path];
  let current: unknown = record;
  for (const seg of parsePath(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, seg)) return undefined;
    current = (current as Record<string | number, unknown>)[seg];
  }
  return current;
}

/** Why `path` cannot be a target, or undefined when it can. */
export function targetPathProblem(path: string): string | undefined {
  const segs = parsePath(path).map(String);
  if (segs.length === 0) return 'is empty';
  const bad = segs.find((s) => FORBIDDEN.has(s));
  return bad ? `must not contain "${bad}"` : undefined;
}

/** Creates intermediate objects; refuses prototype keys so a mapping can never pollute Object. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segs = parsePath(path).map(String);
  if (segs.length === 0 || segs.some((s) => FORBIDDEN.has(s))) throw new Error(`invalid target path "${path}"`);
  let current = target;
  for (const seg of segs.slice(0, -1)) {
    const next = current[seg];
    if (!next || typeof next !== 'object') current[seg] = {};
    current = current[seg] as Record<string, unknown>;
  }
  current[segs[segs.length - 1]] = value;
}
