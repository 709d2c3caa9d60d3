import { CATEGORY, COLORS, callAdmin } from '../shared/editor/editor';
import type { RowCells, SourceKind } from './row-cells.editor';
import { cellsToRow, rowToCells } from './row-cells.editor';

interface MapperEditorNode {
  name?: string;
  mapping: string;
  schemaSource: string;
  schemaText: string;
  sample: string;
  _: (key: string, params?: Record<string, string | number>) => string;
}

type Doc = { version: 1; rows: Array<Record<string, unknown>>; options?: Record<string, string> } & Record<string, unknown>;

const BASE = 'crm-field-mapper';
const KINDS: SourceKind[] = ['source', 'sources', 'constant', 'expression'];
const TRANSFORMS = ['trim', 'lower', 'upper', 'text', 'truncate', 'join', 'email', 'splitName', 'joinName', 'date', 'datetime', 'formatDate', 'number', 'phone', 'boolean', 'lookup', 'picklist'];

function parseDoc(text: string): Doc {
  try {
    const doc = JSON.parse(text) as Doc;
    if (doc && Array.isArray(doc.rows)) return doc;
  } catch {
    // fall through to an empty mapping; the runtime reports the broken text on deploy
  }
  return { version: 1, rows: [] };
}

const OPTION_KEYS = ['locale', 'timeZone', 'defaultCountry'];

/** The mapping being edited; options/name/description not shown in the table survive a save. */
let editing: Doc = { version: 1, rows: [] };

function buildDoc(base: Doc, list: JQuery): Doc {
  const options: Record<string, string> = { ...(base.options ?? {}) };
  for (const k of OPTION_KEYS) {
    const v = String($(`#node-input-${k}`).val() ?? '').trim();
    if (v) options[k] = v;
    else delete options[k];
  }
  const out: Doc = { ...base, version: 1, rows: readRows(list) };
  if (Object.keys(options).length > 0) out.options = options;
  else delete out.options;
  return out;
}

function showOptions(doc: Doc): void {
  for (const k of OPTION_KEYS) $(`#node-input-${k}`).val(doc.options?.[k] ?? '');
}

function fillDatalist(id: string, names: Array<{ name: string; label?: string }>): void {
  const list = $(`#${id}`).empty();
  for (const f of names) $('<option>').attr('value', f.name).text(f.label && f.label !== f.name ? f.label : '').appendTo(list);
}

function rowElement(container: JQuery, c: RowCells, t: MapperEditorNode['_']): void {
  const line = $('<div class="crm-fm-row" style="display:flex;gap:4px;align-items:center">').appendTo(container);
  const kind = $('<select class="crm-fm-kind" style="width:90px">').appendTo(line);
  for (const k of KINDS) $('<option>').val(k).text(t(`field-mapper.kind.${k}`)).appendTo(kind);
  kind.val(c.kind);
  $('<input type="text" class="crm-fm-value" list="crm-fm-source-fields" style="flex:2">').attr('placeholder', t('field-mapper.placeholder.source')).val(c.value).appendTo(line);
  $('<i class="fa fa-long-arrow-right">').appendTo(line);
  $('<input type="text" class="crm-fm-target" list="crm-fm-target-fields" style="flex:2">').attr('placeholder', t('field-mapper.placeholder.target')).val(c.target).appendTo(line);
  $('<input type="text" class="crm-fm-transform" list="crm-fm-transforms" style="flex:2">').attr('placeholder', t('field-mapper.placeholder.transform')).val(c.transform).appendTo(line);
  $('<input type="text" class="crm-fm-default" style="flex:1">').attr('placeholder', t('field-mapper.placeholder.default')).val(c.default).appendTo(line);
  $('<label style="width:auto;margin:0" >').append($('<input type="checkbox" class="crm-fm-required" style="width:auto;margin:0 2px">').prop('checked', c.required), t('field-mapper.label.required')).appendTo(line);
  line.data('extra', c.extra);
}

function readRows(list: JQuery): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  list.editableList('items').each(function (i) {
    const el = $(this);
    const cells: RowCells = {
      kind: el.find('.crm-fm-kind').val() as SourceKind,
      value: String(el.find('.crm-fm-value').val() ?? ''),
      target: String(el.find('.crm-fm-target').val() ?? ''),
      transform: String(el.find('.crm-fm-transform').val() ?? ''),
      default: String(el.find('.crm-fm-default').val() ?? ''),
      required: el.find('.crm-fm-required').is(':checked'),
      extra: (el.find('.crm-fm-row').data('extra') as Record<string, unknown>) ?? {},
    };
    if (!cells.target.trim()) return;
    try {
      rows.push(cellsToRow(cells));
    } catch {
      throw new Error(RED._('field-mapper.notify.badTransform', { row: i + 1 }));
    }
  });
  return rows;
}

RED.nodes.registerType('crm-field-mapper', {
  category: CATEGORY,
  color: COLORS.data,
  paletteLabel: function (this: MapperEditorNode) {
    return this._('field-mapper.paletteLabel');
  },
  defaults: {
    name: { value: '' },
    version: { value: 1 },
    mapping: { value: '{\n  "version": 1,\n  "rows": []\n}', validate: (v: string) => parseDoc(v).rows !== undefined },
    mappingProperty: { value: 'mapping' },
    schemaSource: { value: 'none' },
    schemaText: { value: '' },
    sfConnection: { value: '', type: 'crm-salesforce-config', required: false },
    sfObject: { value: '' },
    mondayAccount: { value: '', type: 'crm-monday-config', required: false },
    mondayBoard: { value: '' },
    mondayNewLabels: { value: false },
    unknownFields: { value: 'error' },
    checkRequired: { value: true },
    sample: { value: '' },
    outputs: { value: 2 },
  },
  inputs: 1,
  outputs: 2,
  icon: 'crm-field-mapper.svg',
  outputLabels: function (this: MapperEditorNode, i: number) {
    return this._(`field-mapper.preview.${i === 0 ? 'valid' : 'invalid'}`);
  },
  label: function (this: MapperEditorNode) {
    return this.name || this._('field-mapper.paletteLabel');
  },
  oneditprepare: function (this: MapperEditorNode) {
    const t = this._.bind(this);
    editing = parseDoc(this.mapping);
    const list = $('#node-input-rows-container');
    const header = $('<div style="display:flex;gap:4px;padding:4px 28px 4px 30px;font-size:0.85em;opacity:0.8">');
    for (const [key, flex] of [['source', '0 0 90px'], ['source', '2'], ['target', '2'], ['transform', '2'], ['default', '1']]) {
      $('<span>').css('flex', flex).text(flex === '0 0 90px' ? '' : t(`field-mapper.label.${key}`)).appendTo(header);
    }
    $('<span style="width:40px">').text(t('field-mapper.label.required')).appendTo(header);
    list.css('min-height', '150px').editableList<RowCells>({
      header,
      height: 320,
      addItem: (row, _i, data) => rowElement(row, data && 'kind' in data ? data : rowToCells({ target: '', source: '' }), t),
      removable: true,
      sortable: true,
    });
    list.editableList('addItems', editing.rows.map(rowToCells));
    showOptions(editing);
    fillDatalist('crm-fm-transforms', TRANSFORMS.map((name) => ({ name })));

    const currentDoc = (): Doc => buildDoc(editing, list);
    const schemaText = (): string => ($('#node-input-schemaSource').val() === 'static' ? String($('#node-input-schemaText').val() ?? '') : '');
    const configId = (id: string): string => {
      const v = String($(`#node-input-${id}`).val() ?? '');
      return v === '_ADD_' ? '' : v;
    };
    // Connection kinds are fetched by the server through the deployed config node.
    const connection = (): Record<string, unknown> => ({
      schemaSource: $('#node-input-schemaSource').val(),
      sfConnection: configId('sfConnection'),
      sfObject: String($('#node-input-sfObject').val() ?? '').trim(),
      mondayAccount: configId('mondayAccount'),
      mondayBoard: String($('#node-input-mondayBoard').val() ?? '').trim(),
      mondayNewLabels: $('#node-input-mondayNewLabels').is(':checked'),
    });
    const isConnection = (): boolean => ['salesforce', 'monday'].includes(String($('#node-input-schemaSource').val()));
    const sample = (): Record<string, unknown> | undefined => {
      const text = String($('#node-input-sample').val() ?? '').trim();
      if (!text) return undefined;
      try {
        return JSON.parse(text) as Record<string, unknown>;
      } catch (err) {
        RED.notify(t('field-mapper.notify.badSample', { message: (err as Error).message }), 'warning');
        return undefined;
      }
    };
    const notifyError = (err: unknown): void => void RED.notify(t('field-mapper.notify.failed', { message: (err as Error).message }), 'error');
    const fetched = $('#crm-fm-schema-fetched');
    const loadFields = (): void => {
      const text = schemaText();
      const viaConnection = isConnection();
      fetched.text(viaConnection ? t('field-mapper.fetch.loading') : '');
      if (!text && !viaConnection) return fillDatalist('crm-fm-target-fields', []);
      callAdmin<{ fields: Array<{ name: string; label?: string }> }>(`${BASE}/fields`, { schema: text, connection: connection() })
        .then((r) => {
          fillDatalist('crm-fm-target-fields', r.fields);
          if (viaConnection) fetched.text(t('field-mapper.fetch.loaded', { count: r.fields.length }));
        })
        .catch((err: Error) => {
          fillDatalist('crm-fm-target-fields', []);
          // A connection may simply not be deployed yet: say so under the fields instead of a popup.
          if (viaConnection) fetched.text(t('field-mapper.fetch.failed', { message: err.message }));
          else notifyError(err);
        });
    };
    const loadSourceFields = (): void => {
      const s = sample();
      fillDatalist('crm-fm-source-fields', s && typeof s === 'object' ? Object.keys(s).map((name) => ({ name })) : []);
    };

    $('#node-input-schemaSource').on('change', function () {
      const kind = $(this).val();
      $('.crm-fm-schema-text').toggle(kind === 'static');
      $('.crm-fm-schema-salesforce').toggle(kind === 'salesforce');
      $('.crm-fm-schema-monday').toggle(kind === 'monday');
      $('.crm-fm-schema-connection').toggle(isConnection());
      loadFields();
    });
    $('#node-input-sfConnection, #node-input-sfObject, #node-input-mondayAccount, #node-input-mondayBoard, #node-input-mondayNewLabels').on('change', loadFields);
    $('#node-input-schemaText').on('change', loadFields);
    $('#node-input-sample').on('change', loadSourceFields);
    loadSourceFields();

    $('#crm-fm-suggest').on('click', (e) => {
      e.preventDefault();
      callAdmin<{ mapping: Doc; suggestions: unknown[] }>(`${BASE}/suggest`, { target: schemaText(), connection: connection(), sample: sample() })
        .then((r) => {
          const have = new Set(readRows(list).map((row) => row.target));
          const fresh = r.mapping.rows.filter((row) => !have.has(row.target));
          list.editableList('addItems', fresh.map(rowToCells));
          if (fresh.length > 0) RED.notify(t('field-mapper.notify.suggested', { count: fresh.length }), 'success');
          else RED.notify(t(r.suggestions.length > 0 ? 'field-mapper.notify.allMapped' : 'field-mapper.notify.noSuggestions'), 'warning');
        })
        .catch(notifyError);
    });

    $('#crm-fm-preview').on('click', (e) => {
      e.preventDefault();
      let mapping: Doc;
      try {
        mapping = currentDoc();
      } catch (err) {
        return notifyError(err);
      }
      const validate = { unknownFields: $('#node-input-unknownFields').val(), checkRequired: $('#node-input-checkRequired').is(':checked') };
      callAdmin<{ valid: boolean; output: unknown; problems: unknown[]; warnings: unknown[] }>(`${BASE}/preview`, { mapping, record: sample() ?? {}, schema: schemaText(), connection: connection(), validate })
        .then((r) => {
          const head = r.valid ? t('field-mapper.preview.valid') : t('field-mapper.preview.invalid');
          $('#crm-fm-preview-result').text(`${head}\n${JSON.stringify({ output: r.output, problems: r.problems, warnings: r.warnings }, null, 2)}`);
        })
        .catch((err: Error) => $('#crm-fm-preview-result').text(err.message));
    });

    $('#crm-fm-export').on('click', (e) => {
      e.preventDefault();
      try {
        const blob = new Blob([`${JSON.stringify(currentDoc(), null, 2)}\n`], { type: 'application/json' });
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = `${(this.name || 'field-mapping').replace(/[^\w.-]+/g, '-')}.json`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      } catch (err) {
        notifyError(err);
      }
    });

    $('#crm-fm-import').on('click', (e) => {
      e.preventDefault();
      $('#crm-fm-import-file').trigger('click');
    });
    $('#crm-fm-import-file').on('change', function () {
      const file = (this as HTMLInputElement).files?.[0];
      if (!file) return;
      file
        .text()
        // Validated by the runtime (ajv) before the rows replace the table, so a bad file changes nothing.
        .then((text) => callAdmin<unknown>(`${BASE}/preview`, { mapping: text, record: {} }).then(() => JSON.parse(text) as Doc))
        .then((imported) => {
          editing = imported;
          list.editableList('empty');
          list.editableList('addItems', imported.rows.map(rowToCells));
          showOptions(imported);
          RED.notify(t('field-mapper.notify.imported', { count: imported.rows.length }), 'success');
        })
        .catch((err: Error) => RED.notify(t('field-mapper.notify.importFailed', { message: err.message }), 'error'))
        .finally(() => $(this).val(''));
    });
    $('#node-input-schemaSource').trigger('change');
  },
  oneditsave: function (this: MapperEditorNode) {
    try {
      this.mapping = JSON.stringify(buildDoc(editing, $('#node-input-rows-container')), null, 2);
      $('#node-input-mapping').val(this.mapping);
    } catch (err) {
      RED.notify((err as Error).message, 'error');
    }
  },
});
