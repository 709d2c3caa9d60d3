import { CATEGORY, COLORS } from '../shared/editor/editor';

interface RuleRow {
  field: string;
  strategy: string;
  priority?: string;
}

interface ResolverProps {
  name?: string;
  strategy: string;
  fallback: string;
  priority: string[];
  rules: RuleRow[];
  echoOutput: boolean;
  outputs: number;
  _: (key: string) => string;
}

const NS = 'conflict-resolver';
const STRATEGIES = ['lww', 'priority', 'jsonata'];

function toggleSections(strategy: string): void {
  $('.crm-conflict-fields').toggle(strategy === 'fields');
  const rulesUseJsonata = $('#node-input-rules-container')
    .find('select.crm-rule-strategy')
    .toArray()
    .some((el) => $(el).val() === 'jsonata');
  const fallbackJsonata = strategy === 'fields' && $('#node-input-fallback').val() === 'jsonata';
  $('.crm-conflict-jsonata').toggle(strategy === 'jsonata' || fallbackJsonata || (strategy === 'fields' && rulesUseJsonata));
}

function fillStrategies(select: JQuery, label: (key: string) => string, names: string[], value: string): JQuery {
  for (const s of names) $('<option></option>').val(s).text(label(`${NS}.strategy.${s}`)).appendTo(select);
  return select.val(value || 'lww');
}

function strategySelect(label: (key: string) => string, value: string): JQuery {
  const select = fillStrategies($('<select class="crm-rule-strategy" style="width: 28%; margin-left: 2%"></select>'), label, STRATEGIES, value);
  select.on('change', () => toggleSections(String($('#node-input-strategy').val())));
  return select;
}

function setupPriority(node: ResolverProps): void {
  $('#node-input-priority-container')
    .css({ 'min-height': '120px', 'min-width': '300px' })
    .editableList({
      addItem: (row: JQuery, _i: number, data: { system?: string }) => {
        $('<input type="text" class="crm-priority-system" style="width: 95%">')
          .attr('placeholder', node._(`${NS}.placeholder.system`))
          .val(data.system ?? '')
          .appendTo(row);
      },
      removable: true,
      sortable: true,
    });
  for (const system of node.priority ?? []) $('#node-input-priority-container').editableList('addItem', { system });
}

function setupRules(node: ResolverProps): void {
  $('#node-input-rules-container')
    .css({ 'min-height': '150px', 'min-width': '450px' })
    .editableList({
      addItem: (row: JQuery, _i: number, data: Partial<RuleRow>) => {
        $('<input type="text" class="crm-rule-field" style="width: 30%">').attr('placeholder', node._(`${NS}.placeholder.field`)).val(data.field ?? '').appendTo(row);
        strategySelect((k) => node._(k), data.strategy ?? 'lww').appendTo(row);
        $('<input type="text" class="crm-rule-priority" style="width: 36%; margin-left: 2%">')
          .attr('placeholder', node._(`${NS}.placeholder.rulePriority`))
          .val(data.priority ?? '')
          .appendTo(row);
      },
      removable: true,
      sortable: true,
    });
  for (const rule of node.rules ?? []) $('#node-input-rules-container').editableList('addItem', rule);
}

RED.nodes.registerType('crm-conflict-resolver', {
  category: CATEGORY,
  color: COLORS.data,
  defaults: {
    name: { value: '' },
    strategy: { value: 'lww', required: true },
    fallback: { value: 'lww' },
    priority: { value: [] },
    rules: { value: [] },
    expression: {
      value: '',
      validate: function (this: ResolverProps, value: string) {
        const usesJsonata =
          this.strategy === 'jsonata' || (this.strategy === 'fields' && (this.fallback === 'jsonata' || (this.rules ?? []).some((r) => r.strategy === 'jsonata')));
        return !usesJsonata || (typeof value === 'string' && value.trim().length > 0);
      },
    },
    emptyEqualsNull: { value: true },
    numericStrings: { value: true },
    datesAsInstants: { value: true },
    arraysUnordered: { value: false },
    trimStrings: { value: false },
    ignoreFields: { value: '' },
    timeField: { value: '' },
    keyProperty: { value: 'crm.key', required: true },
    pgConfig: { value: '', type: 'crm-pg-config', required: false },
    echoOutput: { value: true },
    outputs: { value: 3 },
    version: { value: 1 },
  },
  inputs: 1,
  outputs: 3,
  icon: 'crm-conflict-resolver.svg',
  paletteLabel: function () {
    return this._(`${NS}.paletteLabel`);
  },
  label: function (this: ResolverProps) {
    return this.name || this._(`${NS}.paletteLabel`);
  },
  labelStyle: function (this: ResolverProps) {
    return this.name ? 'node_label_italic' : '';
  },
  outputLabels: function (this: ResolverProps, index: number) {
    return this._(`${NS}.outputs.${['resolved', 'errors', 'echoes'][index]}`);
  },
  oneditprepare: function (this: ResolverProps) {
    const label = (k: string) => this._(k);
    fillStrategies($('#node-input-strategy'), label, ['lww', 'priority', 'fields', 'jsonata'], this.strategy);
    fillStrategies($('#node-input-fallback'), label, STRATEGIES, this.fallback);
    $('#node-input-expression').typedInput({ types: ['jsonata'] });
    $('#node-input-keyProperty').typedInput({ types: ['msg'] });
    setupPriority(this);
    setupRules(this);
    $('#node-input-strategy, #node-input-fallback').on('change', () => toggleSections(String($('#node-input-strategy').val())));
    toggleSections(this.strategy);
  },
  oneditsave: function (this: ResolverProps) {
    this.priority = $('#node-input-priority-container')
      .editableList('items')
      .toArray()
      .map((row) => String($(row).find('.crm-priority-system').val() ?? '').trim())
      .filter((s) => s.length > 0);
    this.rules = $('#node-input-rules-container')
      .editableList('items')
      .toArray()
      .map((row) => ({
        field: String($(row).find('.crm-rule-field').val() ?? '').trim(),
        strategy: String($(row).find('.crm-rule-strategy').val() ?? 'lww'),
        priority: String($(row).find('.crm-rule-priority').val() ?? '').trim(),
      }))
      .filter((r) => r.field.length > 0);
    this.outputs = $('#node-input-echoOutput').prop('checked') ? 3 : 2;
  },
  oneditresize: function (size: { height: number }) {
    const rows = $('#dialog-form>div:not(.node-input-rules-row):not(.node-input-priority-row)');
    let height = size.height;
    rows.each(function () {
      height -= $(this).outerHeight(true) ?? 0;
    });
    $('#node-input-rules-container').editableList('height', Math.max(150, height / 2));
  },
});
