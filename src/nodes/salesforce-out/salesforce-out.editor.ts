import { wirePickers } from '../salesforce-config/pickers.editor';
import { CATEGORY, COLORS, wholeIn } from '../shared/editor/editor';

RED.nodes.registerType('crm-salesforce-out', {
  category: CATEGORY,
  color: COLORS.salesforce,
  defaults: {
    name: { value: '' },
    connection: { value: '', type: 'crm-salesforce-config', required: true },
    operation: { value: 'upsert' },
    object: {
      value: '',
      // composite entries name their own objects; the node's is only their default there.
      validate: function (this: { operation?: string }, v: unknown) {
        return /^[A-Za-z][A-Za-z0-9_]*$/.test(String(v)) || (v === '' && this.operation === 'composite');
      },
    },
    externalIdField: { value: '' },
    allOrNone: { value: false },
    allowDuplicates: { value: false },
    bulkThreshold: { value: 2000, validate: wholeIn(0, Number.MAX_SAFE_INTEGER) },
    version: { value: 1 },
  },
  inputs: 1,
  outputs: 2,
  icon: 'crm-salesforce-out.svg',
  align: 'right',
  paletteLabel: function (this: { _: (k: string) => string }) {
    return this._('salesforce-out.paletteLabel');
  },
  label: function (this: { name?: string; operation?: string; object?: string; _: (k: string) => string }) {
    if (this.name) return this.name;
    if (this.operation === 'composite') return `composite ${this.object ?? ''}`.trim();
    return this.object ? `${this.operation} ${this.object}` : this._('salesforce-out.paletteLabel');
  },
  outputLabels: function (this: { _: (k: string) => string }, i: number) {
    return this._(i === 0 ? 'salesforce-out.label.written' : 'salesforce-out.label.failed');
  },
  oneditprepare: function () {
    const toggle = (): void => {
      const operation = $('#node-input-operation').val();
      $('.crm-sf-out-externalIdField').toggle(operation === 'upsert' || operation === 'composite');
      // A composite call is always all or none and never a Bulk job.
      $('.crm-sf-out-collections').toggle(operation !== 'composite');
    };
    $('#node-input-operation').on('change', toggle);
    toggle();
    wirePickers({
      node: this as unknown as { _: (key: string, params?: Record<string, unknown>) => string },
      object: $('#node-input-object'),
      objectFilter: (o) => o.createable || o.updateable,
      // Upsert matches on an external id field, or on Id.
      field: { input: $('#node-input-externalIdField'), filter: (f) => f.externalId, extra: [{ value: 'Id', label: 'Id' }] },
    });
  },
});
