import { CATEGORY, COLORS } from '../shared/editor/editor';

interface AlertEditor {
  name?: string;
  minSeverity?: string;
  silentBelow?: string;
  templateEditor?: { getValue(): string; destroy(): void };
  _: (key: string) => string;
}

const SEVERITIES = ['info', 'warning', 'error', 'critical'];

/** Fills a severity <select> (options built here, not repeated in the HTML) and selects `value`. */
function severitySelect(node: AlertEditor, id: string, values: string[], value: string | undefined): void {
  const select = $(id).empty();
  for (const v of values) $('<option>').val(v).text(node._(`telegram-alert.severity.${v}`)).appendTo(select);
  select.val(value && values.includes(value) ? value : values[0]);
}

const CHAT = /^(-?[1-9]\d{0,15}|@[A-Za-z][A-Za-z0-9_]{3,31})?$/;

RED.nodes.registerType('crm-telegram-alert', {
  category: CATEGORY,
  color: COLORS.ops,
  defaults: {
    name: { value: '' },
    bot: { value: '', type: 'crm-telegram-config', required: true },
    chatId: { value: '', validate: (v: string) => CHAT.test(String(v ?? '').trim()) },
    template: { value: '<b>{{severity}}</b> {{payload}}' },
    minSeverity: { value: 'info' },
    silentBelow: { value: 'none' },
    digestWindow: { value: 300, validate: RED.validators.number(true) },
    digestKey: { value: 'text' },
    version: { value: 1 },
  },
  inputs: 1,
  outputs: 1,
  icon: 'crm-telegram-alert.svg',
  align: 'right',
  paletteLabel: function () {
    return (this as unknown as AlertEditor)._('telegram-alert.paletteLabel');
  },
  label: function () {
    const node = this as unknown as AlertEditor;
    return node.name || node._('telegram-alert.paletteLabel');
  },
  labelStyle: function () {
    return (this as unknown as AlertEditor).name ? 'node_label_italic' : '';
  },
  oneditprepare: function () {
    const node = this as unknown as AlertEditor;
    severitySelect(node, '#node-input-minSeverity', SEVERITIES, node.minSeverity);
    severitySelect(node, '#node-input-silentBelow', ['none', ...SEVERITIES.slice(1)], node.silentBelow);
    node.templateEditor = RED.editor.createEditor({
      id: 'node-input-template-editor',
      mode: 'ace/mode/handlebars',
      value: String($('#node-input-template').val() ?? ''),
    }) as unknown as AlertEditor['templateEditor'];
  },
  oneditsave: function () {
    const node = this as unknown as AlertEditor;
    $('#node-input-template').val(node.templateEditor?.getValue() ?? '');
    node.templateEditor?.destroy();
    delete node.templateEditor;
  },
  oneditcancel: function () {
    const node = this as unknown as AlertEditor;
    node.templateEditor?.destroy();
    delete node.templateEditor;
  },
});
