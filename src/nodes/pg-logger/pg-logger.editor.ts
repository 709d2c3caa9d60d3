import { CATEGORY, COLORS, wholeIn } from '../shared/editor/editor';


RED.nodes.registerType('crm-pg-logger', {
  category: CATEGORY,
  color: COLORS.data,
  defaults: {
    name: { value: '' },
    store: { value: '', type: 'crm-pg-config', required: true },
    logType: { value: 'auto' },
    direction: { value: '' },
    system: { value: '' },
    object: { value: '' },
    event: { value: '' },
    status: { value: 'success' },
    includePayload: { value: true },
    batchSize: { value: 100, validate: wholeIn(1, 1000) },
    flushInterval: { value: 1000, validate: wholeIn(0, 60000) },
    maxBuffer: { value: 10000, validate: wholeIn(1, 1000000) },
    version: { value: 1 },
  },
  inputs: 1,
  outputs: 2,
  icon: 'crm-pg-logger.svg',
  align: 'right',
  paletteLabel: function (this: { _: (k: string) => string }) {
    return this._('pg-logger.paletteLabel');
  },
  label: function (this: { name?: string; _: (k: string) => string }) {
    return this.name || this._('pg-logger.paletteLabel');
  },
  outputLabels: function (this: { _: (k: string) => string }, i: number) {
    return this._(i === 0 ? 'pg-logger.label.written' : 'pg-logger.label.notWritten');
  },
  oneditprepare: function () {
    const toggle = (): void => {
      $('.crm-pg-logger-sync').toggle($('#node-input-logType').val() !== 'error');
    };
    $('#node-input-logType').on('change', toggle);
    toggle();
  },
});
