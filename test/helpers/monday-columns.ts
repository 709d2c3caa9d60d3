import type { ApplyContext, ReadCell } from '../../src/connectors/monday/columns';

export const NOW = '2026-11-25T10:00:00.000Z';

export function ctx(settings: Record<string, unknown> = {}, extra: Partial<ApplyContext> = {}): ApplyContext {
  return { settings, createLabels: false, now: NOW, ...extra };
}

/** A read cell as monday returns it: value is JSON text. */
export function cell(value: unknown, text = ''): ReadCell {
  return { value: value === null ? null : JSON.stringify(value), text };
}
