/**
 * monday webhook deliveries → normalized events: legacy event names (`create_pulse`, ...) and legacy
 * column types ("color" = status, "multiple-person" = people) mapped to today's, values decoded to
 * the same plain values the board reader and the out node use.
 */
import { jwtVerify } from 'jose';
import { CrmError } from '../../core/errors';
import { codecFor } from './columns';

const EVENT_KINDS: Record<string, string> = {
  create_pulse: 'create', create_subitem: 'create',
  update_column_value: 'update', change_subitem_column_value: 'update',
  update_name: 'rename', change_subitem_name: 'rename',
  delete_pulse: 'delete', subitem_deleted: 'delete', item_deleted: 'delete',
  archive_pulse: 'archive', subitem_archived: 'archive', item_archived: 'archive',
  restore_pulse: 'restore', item_restored: 'restore',
  move_pulse_into_group: 'move', move_pulse_into_board: 'move',
  create_update: 'comment', create_subitem_update: 'comment',
};

/** Legacy webhook column type names → monday's ColumnType names. */
const LEGACY_TYPES: Record<string, string> = {
  color: 'status', 'multiple-person': 'people', 'long-text': 'long_text', numeric: 'numbers', boolean: 'checkbox',
  'board-relation': 'board_relation', tag: 'tags', timerange: 'timeline', dropdown: 'dropdown',
};

export interface NormalizedEvent {
  event: string;
  /** monday's own event.type, for anything the normalized form leaves out. */
  mondayType: string;
  triggerUuid?: string;
  boardId?: string;
  itemId?: string;
  itemName?: string;
  groupId?: string;
  subitem: boolean;
  parentItemId?: string;
  columnId?: string;
  columnType?: string;
  columnTitle?: string;
  value?: unknown;
  previousValue?: unknown;
  userId?: string;
  isRetry: boolean;
  changedAt?: string;
}

export function columnTypeOf(legacy: unknown): string | undefined {
  return typeof legacy === 'string' ? (LEGACY_TYPES[legacy] ?? legacy) : undefined;
}

/** A webhook value (legacy shape) → the plain value for its column type. */
export function decodeWebhookValue(type: string | undefined, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  const o = raw as Record<string, unknown>;
  if (type === 'status') return (o.label as { text?: string } | undefined)?.text ?? null;
  if (type === 'text') return typeof o.value === 'string' ? o.value : typeof raw === 'string' ? raw : null;
  if (type === 'numbers') {
    const n = Number(typeof o === 'object' ? o.value : raw);
    return Number.isFinite(n) ? n : null;
  }
  const codec = type ? codecFor(type) : undefined;
  if (!codec) return raw;
  return codec.decode({ value: JSON.stringify(raw), text: null }, {});
}

const id = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

export function normalizeEvent(event: Record<string, unknown>): NormalizedEvent {
  const mondayType = String(event.type ?? '');
  const columnType = columnTypeOf(event.columnType);
  const out: NormalizedEvent = {
    event: EVENT_KINDS[mondayType] ?? mondayType,
    mondayType,
    triggerUuid: id(event.triggerUuid),
    boardId: id(event.boardId),
    itemId: id(event.pulseId ?? event.itemId),
    itemName: (event.pulseName ?? event.itemName) as string | undefined,
    groupId: id(event.groupId ?? event.destGroupId),
    subitem: event.parentItemId !== undefined && event.parentItemId !== null,
    parentItemId: id(event.parentItemId),
    userId: id(event.userId),
    isRetry: event.isRetry === true,
  };
  if (mondayType === 'update_column_value' || mondayType === 'change_subitem_column_value') {
    Object.assign(out, {
      columnId: id(event.columnId), columnType, columnTitle: event.columnTitle,
      value: decodeWebhookValue(columnType, event.value), previousValue: decodeWebhookValue(columnType, event.previousValue),
    });
    if (typeof event.changedAt === 'number') out.changedAt = new Date(event.changedAt * 1000).toISOString();
  } else if (out.event === 'rename') {
    out.value = (event.value as { name?: string } | undefined)?.name ?? null;
    out.previousValue = (event.previousValue as { name?: string } | undefined)?.name ?? null;
  } else if (out.event === 'comment') {
    out.value = event.textBody ?? event.body ?? null;
  } else if (out.event === 'create' && event.columnValues && typeof event.columnValues === 'object') {
    out.value = event.columnValues;
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as unknown as NormalizedEvent;
}

/**
 * Verifies the `Authorization` JWT monday signs app webhooks with (HS256 with the app's signing
 * secret [UNVERIFIED algorithm, the documented nearest]): signature, expiry, and the audience when
 * the public URL is known.
 */
export async function verifyWebhookJwt(authorization: string | undefined, signingSecret: string, audience?: string): Promise<Record<string, unknown>> {
  const token = (authorization ?? '').replace(/^Bearer\s+/i, '').trim();
  if (!token) throw new CrmError('MONDAY_WEBHOOK_UNSIGNED', 'The webhook request carries no Authorization JWT');
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(signingSecret), { algorithms: ['HS256'], ...(audience ? { audience } : {}), requiredClaims: ['exp'] });
    return payload as Record<string, unknown>;
  } catch (err) {
    throw new CrmError('MONDAY_WEBHOOK_FORGED', `The webhook JWT was refused (${(err as Error).message})`, { cause: err });
  }
}

/** Remembers the last `max` ids seen: redeliveries (same triggerUuid) are recognised, memory stays bounded. */
export class SeenIds {
  private readonly ids = new Set<string>();
  constructor(private readonly max = 10_000) {}

  /** True when the id was new (and is now remembered). */
  add(value: string): boolean {
    if (this.ids.has(value)) return false;
    this.ids.add(value);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }
}
