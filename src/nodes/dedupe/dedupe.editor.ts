import { PROFILES, FIELD_KINDS } from '../../core/dedupe/profiles';
import { CATEGORY, COLORS } from '../shared/editor/editor';

interface Row {
  field: string;
  key: string;
  kind?: string;
  m?: string | number;
  u?: string | number;
  rule?: string;
}

const RULES = ['', 'mostRecent', 'mostComplete', 'sourcePriority', 'first'];
const LIST = '#node-input-fields-container';

function select(options: Array<[string, string]>, value: string | undefined, width: string): JQuery {
  const el = $('<select/>').css({ width, marginLeft: '4px' });
  for (const [v, label] of options) $('<option/>').val(v).text(label).appendTo(el);
  el.val(value ?? '');
  return el;
}

function input(cls: string, value: unknown, width: string, placeholder = ''): JQuery {
  return $('<input type="text"/>').addClass(cls).css({ width, marginLeft: '4px' }).attr('placeholder', placeholder).val(value === undefined ? '' : String(value));
}

function profileRows(profile: string): Row[] {
  return (PROFILES[profile]?.fields ?? []).map((f) => ({ field: f.field, key: '' }));
}

RED.nodes.registerType('crm-dedupe', {
  category: CATEGORY,
  color: COLORS.data,
  defaults: {
    name: { value: '' },
    property: { value: 'payload', required: true },
    profile: { value: 'contact' },
    // at least one profile field must be mapped to a record key
    fields: { value: profileRows('contact'), validate: (rows: unknown) => Array.isArray(rows) && (rows as Row[]).some((r) => r.field && r.key) },
    idKey: { value: '' },
    matchThreshold: { value: '', validate: (v: string) => v === '' || Number.isFinite(Number(v)) },
    reviewThreshold: { value: '', validate: (v: string) => v === '' || Number.isFinite(Number(v)) },
    defaultCountry: { value: 'US', validate: RED.validators.regex(/^[A-Za-z]{2}$/) },
    stripPlusTag: { value: true },
    gmailDots: { value: true },
    index: { value: 'memory' },
    pgConfig: { value: '', type: 'crm-pg-config', required: false },
    namespace: { value: '' },
    merge: { value: false },
    mergeRule: { value: 'mostComplete' },
    updatedAtKey: { value: '' },
    sourceKey: { value: '' },
    sourcePriority: { value: '' },
    maxBlockSize: { value: 40, validate: RED.validators.number() },
    version: { value: 1 },
  },
  inputs: 1,
  outputs: 3,
  outputLabels: function (this: { _: (k: string) => string }, i: number) {
    return ['unique records', 'duplicates and review pairs', 'record errors'][i];
  },
  icon: 'crm-dedupe.svg',
  paletteLabel: 'dedupe',
  label: function (this: { name?: string }) {
    return this.name || 'dedupe';
  },
  oneditprepare: function (this: Record<string, unknown> & { _: (k: string) => string }) {
    const t = (k: string): string => this._(k);
    const kinds: Array<[string, string]> = [['', t('dedupe.kind.profile')], ...FIELD_KINDS.map((k): [string, string] => [k, t(`dedupe.kind.${k}`)])];
    const rules: Array<[string, string]> = RULES.map((r) => [r, t(`dedupe.rule.${r || 'default'}`)]);
    $(LIST)
      .css({ minHeight: '150px', minWidth: '560px' })
      .editableList({
        addButton: t('dedupe.label.addField'),
        sortable: true,
        removable: true,
        height: 220,
        addItem: (row: JQuery, _i: number, data: Row) => {
          row.append(input('crm-f-field', data.field, '18%', t('dedupe.column.field')).css('marginLeft', '0'));
          row.append(input('crm-f-key', data.key, '26%', t('dedupe.placeholder.key')));
          row.append(select(kinds, data.kind, '18%').addClass('crm-f-kind'));
          row.append(input('crm-f-m', data.m, '8%', t('dedupe.column.m')));
          row.append(input('crm-f-u', data.u, '8%', t('dedupe.column.u')));
          row.append(select(rules, data.rule, '14%').addClass('crm-f-rule'));
        },
      });
    const fill = (rows: Row[]): void => {
      $(LIST).editableList('empty');
      for (const r of rows) $(LIST).editableList('addItem', r);
    };
    fill((this.fields as Row[]) ?? []);
    $('#node-input-profile').on('change', () => {
      const profile = String($('#node-input-profile').val());
      const current = $(LIST).editableList('items');
      // keep what the user mapped; only offer the new profile's fields when nothing is mapped yet
      const mapped = current.toArray().some((el) => String($(el).find('.crm-f-key').val() ?? '').trim() !== '');
      if (!mapped && profile !== 'custom') fill(profileRows(profile));
    });
    const toggle = (): void => {
      const mode = $('#node-input-index').val();
      $('.crm-dedupe-pg').toggle(mode === 'pg');
      $('.crm-dedupe-index').toggle(mode !== 'none');
      $('.crm-dedupe-merge').toggle($('#node-input-merge').is(':checked'));
    };
    $('#node-input-index, #node-input-merge').on('change', toggle);
    toggle();
  },
  oneditsave: function (this: Record<string, unknown>) {
    const rows: Row[] = [];
    $(LIST)
      .editableList('items')
      .each(function () {
        const el = $(this);
        const field = String(el.find('.crm-f-field').val() ?? '').trim();
        if (!field) return;
        const row: Row = { field, key: String(el.find('.crm-f-key').val() ?? '').trim() };
        const kind = String(el.find('.crm-f-kind').val() ?? '');
        const m = String(el.find('.crm-f-m').val() ?? '').trim();
        const u = String(el.find('.crm-f-u').val() ?? '').trim();
        const rule = String(el.find('.crm-f-rule').val() ?? '');
        if (kind) row.kind = kind;
        if (m) row.m = m;
        if (u) row.u = u;
        if (rule) row.rule = rule;
        rows.push(row);
      });
    this.fields = rows;
  },
  oneditresize: function (size: { height: number }) {
    const others = $('#dialog-form>div:not(.node-input-fields-container-row)');
    let height = size.height;
    others.each(function () {
      height -= $(this).outerHeight(true) ?? 0;
    });
    $(LIST).editableList('height', Math.max(150, height));
  },
});
