import { DEFAULT_EVENTS, MANAGEABLE_EVENTS as EVENTS } from '../../connectors/monday/webhook-event-types';
import { CATEGORY, COLORS } from '../shared/editor/editor';

type Def = { manageWebhooks?: boolean; mode?: string };

RED.nodes.registerType('crm-monday-in', {
  category: CATEGORY,
  color: COLORS.monday,
  defaults: {
    name: { value: '' },
    account: { value: '', type: 'crm-monday-config', required: true },
    mode: { value: 'read' },
    boardId: {
      value: '',
      // Flows saved before an option existed lack it: undefined counts as empty.
      validate: function (this: Def, v: unknown) {
        return /^\d+$/.test(String(v ?? '')) || ((v ?? '') === '' && !(this.mode === 'webhook' && this.manageWebhooks));
      },
    },
    groupId: { value: '' },
    pageSize: { value: 500, validate: (v: unknown) => Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 500 },
    path: { value: '' },
    publicUrl: { value: '' },
    manageWebhooks: { value: false },
    baseUrl: {
      value: '',
      validate: function (this: Def, v: unknown) {
        return /^https?:\/\/[^\s/]+/.test(String(v ?? '')) || ((v ?? '') === '' && !(this.mode === 'webhook' && this.manageWebhooks));
      },
    },
    events: {
      value: DEFAULT_EVENTS,
      validate: function (this: Def, v: unknown) {
        return !(this.mode === 'webhook' && this.manageWebhooks) || (Array.isArray(v) && v.length > 0);
      },
    },
    version: { value: 1 },
  },
  credentials: {
    urlToken: { type: 'password' },
  },
  inputs: 1,
  outputs: 1,
  icon: 'crm-monday-in.svg',
  paletteLabel: 'monday in',
  label: function (this: { name?: string; mode?: string; path?: string }) {
    return this.name || (this.mode === 'webhook' ? `monday webhook ${this.path ?? ''}` : 'monday in');
  },
  oneditprepare: function (this: { events?: string[] | string }) {
    const select = $('#node-input-events');
    for (const e of EVENTS) select.append($('<option>').val(e).text(e));
    const chosen = Array.isArray(this.events) ? this.events : String(this.events ?? '').split(',').filter(Boolean);
    select.val(chosen);
    const toggle = (): void => {
      const webhook = $('#node-input-mode').val() === 'webhook';
      const managed = webhook && $('#node-input-manageWebhooks').is(':checked');
      $('.crm-monday-in-read').toggle(!webhook);
      $('.crm-monday-in-webhook').toggle(webhook);
      $('.crm-monday-in-managed').toggle(managed);
      $('.crm-monday-in-board').toggle(!webhook || managed);
    };
    $('#node-input-mode, #node-input-manageWebhooks').on('change', toggle);
    toggle();
  },
  oneditsave: function (this: { events?: string[] }) {
    this.events = ($('#node-input-events').val() as string[] | null) ?? [];
  },
});
