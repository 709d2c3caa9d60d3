/**
 * Editor pickers for salesforce in/out: object and field names offered from the org's describe
 * through a <datalist>, so the input stays a plain text input. When the configuration is missing,
 * incomplete or the org unreachable, the input simply has no suggestions: editing never waits for
 * or depends on Salesforce. Calls ask for `quiet` answers so a failure is no browser console error.
 */
import { callAdmin } from '../shared/editor/editor';
import type { SfFieldInfo as SfField, SfObjectInfo as SfObject } from './describe-types';

type Answer<T> = T & { ok: boolean; code?: string; message?: string };

const SETTINGS = ['loginUrl', 'apiVersion', 'authType', 'username', 'clientId'] as const;
const cache = new Map<string, Promise<unknown>>();

/** What the endpoints need to reach the org of a config node as the editor has it now (deployed or not). */
function requestBody(configId: string): Record<string, unknown> | undefined {
  const cfg = RED.nodes.node(configId) as unknown as (Record<string, unknown> & { credentials?: Record<string, unknown> }) | null;
  if (!cfg) return undefined;
  const body: Record<string, unknown> = { id: configId, quiet: true };
  for (const f of SETTINGS) if (typeof cfg[f] === 'string') body[f] = cfg[f];
  // Secrets typed in this editor session and not yet deployed; the runtime uses the stored ones otherwise.
  for (const [k, v] of Object.entries(cfg.credentials ?? {})) if (typeof v === 'string' && v && !k.startsWith('has_')) body[k] = v;
  return body;
}

function ask<T>(path: string, configId: string, extra: Record<string, unknown> = {}): Promise<T> {
  const body = requestBody(configId);
  if (!body) return Promise.reject(new Error('no configuration'));
  const key = `${path}\u0000${JSON.stringify({ ...body, ...extra })}`;
  let answer = cache.get(key) as Promise<T> | undefined;
  if (!answer) {
    answer = callAdmin<Answer<T>>(`crm-salesforce-config/${path}`, { ...body, ...extra }).then((a) => {
      if (!a.ok) throw new Error(a.message ?? a.code ?? 'failed');
      return a;
    });
    cache.set(key, answer);
    // Failures are not cached: the next dialog tries again.
    answer.catch(() => cache.delete(key));
  }
  return answer;
}

export function loadObjects(configId: string): Promise<SfObject[]> {
  return ask<{ objects: SfObject[] }>('objects', configId).then((a) => a.objects);
}

export function loadFields(configId: string, object: string): Promise<SfField[]> {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(object)) return Promise.reject(new Error('no object'));
  return ask<{ fields: SfField[] }>('fields', configId, { object }).then((a) => a.fields);
}

/** Gives a text input a datalist; returns a setter for its suggestions ([] removes them). */
export function suggestions(input: JQuery, listId: string): (items: Array<{ value: string; label: string }>) => void {
  let list = $(`#${listId}`);
  if (!list.length) list = $('<datalist>').attr('id', listId).insertAfter(input);
  input.attr('list', listId).attr('autocomplete', 'off');
  return (items) => {
    list.empty();
    for (const i of items) $('<option>').attr('value', i.value).text(i.label).appendTo(list);
  };
}

/** The config node chosen in the dialog right now (the select changes before the node does). */
export function selectedConfig(): string {
  const v = String($('#node-input-connection').val() ?? '');
  return v && v !== '_ADD_' && RED.nodes.node(v) ? v : '';
}

/** A hint under a picker: empty when suggestions work, why not otherwise. */
export function hint(el: JQuery, text: string): void {
  el.text(text).toggle(!!text);
}

export interface PickerWiring {
  /** The dialog's node, for its catalog. */
  node: { _: (key: string, params?: Record<string, unknown>) => string };
  object: JQuery;
  /** Which objects to offer (queryable for reads, createable/updateable for writes). */
  objectFilter: (o: SfObject) => boolean;
  /** Optional second picker fed from the chosen object's fields. */
  field?: { input: JQuery; filter: (f: SfField) => boolean; extra?: Array<{ value: string; label: string }> };
}

/** Wires the object (and field) suggestions of a salesforce in/out dialog; refreshes when the connection or object changes. */
export function wirePickers(w: PickerWiring): void {
  // Inside the object's row, so it hides with the row in modes that name no object.
  const note = $('<div class="crm-sf-picker-hint" style="display: none; margin: 4px 0 0 104px; font-size: 0.9em; opacity: 0.8;"></div>').appendTo(w.object.closest('.form-row'));
  const setObjects = suggestions(w.object, 'crm-sf-objects');
  const setFields = w.field ? suggestions(w.field.input, 'crm-sf-fields') : undefined;
  const failed = (err: Error) => (err.message === 'no configuration' || err.message === 'no object' ? '' : w.node._('common.sfPicker.unavailable', { message: err.message }));
  let turn = 0;
  const refreshFields = (): void => {
    if (!w.field || !setFields) return;
    const mine = ++turn;
    const field = w.field;
    loadFields(selectedConfig(), String(w.object.val() ?? '').trim()).then(
      (fields) => mine === turn && setFields([...(field.extra ?? []), ...fields.filter(field.filter).map((f) => ({ value: f.name, label: f.label }))]),
      () => mine === turn && setFields(field.extra ?? []),
    );
  };
  const refresh = (): void => {
    const config = selectedConfig();
    loadObjects(config).then(
      (objects) => {
        setObjects(objects.filter(w.objectFilter).map((o) => ({ value: o.name, label: o.label })));
        hint(note, '');
      },
      (err: Error) => {
        setObjects([]);
        hint(note, failed(err));
      },
    );
    refreshFields();
  };
  $('#node-input-connection').on('change', refresh);
  w.object.on('change', refreshFields);
  refresh();
}
