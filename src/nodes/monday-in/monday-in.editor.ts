import { CATEGORY, COLORS } from '../shared/editor/editor';

RED.nodes.registerType('crm-monday-in', {
  category: CATEGORY,
  color: COLORS.monday,
  defaults: {
    name: { value: '' },
    account: { value: '', type: 'crm-monday-config', required: true },
    mode: { value: 'read' },
    boardId: { value: '', validate: (v: unknown) => v === '' || /^\d+$/.test(String(v)) },
    groupId: { value: '' },
    pageSize: { value: 500, validate: (v: unknown) => Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 500 },
    path: { value: '' },
    publicUrl: { value: '' },
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
  oneditprepare: function () {
    const toggle = (): void => {
      const webhook = $('#node-input-mode').val() === 'webhook';
      $('.crm-monday-in-read').toggle(!webhook);
      $('.crm-monday-in-webhook').toggle(webhook);
    };
    $('#node-input-mode').on('change', toggle);
    toggle();
  },
});
