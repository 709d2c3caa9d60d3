/** monday board columns → neutral schema (used as a target, and as a suggestion source). */
import type { FieldType, TargetField, TargetSchema } from '../types';

export interface MondayColumn {
  id: string;
  title: string;
  type: string;
  settings_str?: string;
  settings?: unknown;
}

const TYPES: Record<string, FieldType> = {
  name: 'string',
  text: 'string',
  long_text: 'text',
  email: 'email',
  phone: 'phone',
  link: 'url',
  numbers: 'number',
  rating: 'integer',
  date: 'date',
  hour: 'time',
  status: 'picklist',
  color: 'picklist',
  dropdown: 'multipicklist',
  checkbox: 'boolean',
  boolean: 'boolean',
  people: 'people',
  multiple_person: 'people',
  board_relation: 'reference',
  country: 'string',
  location: 'json',
  timeline: 'json',
  tags: 'json',
};

// Computed or system columns: monday rejects writes to them.
const READ_ONLY = new Set(['auto_number', 'button', 'creation_log', 'file', 'formula', 'item_id', 'last_updated', 'mirror', 'lookup', 'progress', 'subtasks', 'time_tracking', 'vote']);

export function isMondayColumns(doc: unknown): doc is MondayColumn[] {
  return Array.isArray(doc) && doc.length > 0 && doc.every((c) => c && typeof c === 'object' && 'id' in c && 'title' in c && 'type' in c);
}

function settingsOf(col: MondayColumn): Record<string, unknown> {
  if (col.settings && typeof col.settings === 'object') return col.settings as Record<string, unknown>;
  const raw = col.settings_str ?? (typeof col.settings === 'string' ? col.settings : undefined);
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Status labels come as {"0":"Working on it"} (settings_str) or [{id,label}] / [{id,name}] (newer settings). */
function labelsOf(col: MondayColumn): string[] | undefined {
  const labels = settingsOf(col).labels;
  if (Array.isArray(labels)) {
    return labels.map((l) => (l && typeof l === 'object' ? String((l as { label?: unknown; name?: unknown }).label ?? (l as { name?: unknown }).name ?? '') : String(l))).filter((l) => l !== '');
  }
  if (labels && typeof labels === 'object') return Object.values(labels as Record<string, unknown>).map(String).filter((l) => l !== '');
  return undefined;
}

export function fromMondayColumns(columns: MondayColumn[], boardName?: string): TargetSchema {
  const fields = columns.map((col): TargetField => {
    const type = READ_ONLY.has(col.type) ? 'any' : (TYPES[col.type] ?? 'any');
    const field: TargetField = { name: col.id, label: col.title, type };
    // Every item has a name; monday documents no length limits we could check here.
    if (col.type === 'name') field.required = true;
    if (READ_ONLY.has(col.type)) field.readOnly = true;
    if (col.type === 'item_id') field.key = true;
    const labels = col.type === 'status' || col.type === 'color' || col.type === 'dropdown' ? labelsOf(col) : undefined;
    if (labels && labels.length > 0) {
      field.picklist = labels;
      // Writes with create_labels_if_missing may add labels, so picklists are advisory by default.
      field.restricted = false;
    }
    return field;
  });
  return { name: boardName ? `monday:${boardName}` : 'monday', fields };
}
