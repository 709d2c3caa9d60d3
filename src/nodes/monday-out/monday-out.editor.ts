import { CATEGORY, COLORS } from '../shared/editor/editor';

RED.nodes.registerType('crm-monday-out', {
  category: CATEGORY,
  color: COLORS.monday,
  defaults: {
    name: { value: '' },
    account: { value: '', type: 'crm-monday-config', required: true },
    operation: { value: 'create' },
    boardId: { value: '', validate: (v: unknown) => v === '' || /^\d+$/.test(String(v)) },
    groupId: { value: '' },
    createLabels: { value: false },
    version: { value: 1 },
  },
  inputs: 1,
  outputs: 2,
  icon: 'crm-monday-out.svg',
  align: 'right',
  paletteLabel: 'monday out',
  label: function (this: { name?: string; operation?: string; _: (k: string) => string }) {
    return this.name || `monday ${this._(`monday-out.operation.${this.operation ?? 'create'}`)}`;
  },
  outputLabels: function (this: { _: (k: string) => string }, i: number) {
    return this._(i === 0 ? 'monday-out.label.results' : 'monday-out.label.failures');
  },
});
