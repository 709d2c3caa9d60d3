/**
 * Versioned node configuration. Every node stores `version`; a flow saved by an older release
 * is upgraded in order by the node's migrations before the node reads its config.
 */
export interface Versioned {
  version?: number | string;
}

export type Migration<T> = (config: T) => T;

export function migrateConfig<T extends Versioned>(config: T, migrations: ReadonlyArray<Migration<T>>): T {
  let current = Number(config.version ?? 0) || 0;
  let out = { ...config };
  while (current < migrations.length) {
    out = migrations[current]({ ...out });
    current += 1;
    out.version = current;
  }
  return out;
}
