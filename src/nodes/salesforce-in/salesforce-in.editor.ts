import { wirePickers } from '../salesforce-config/pickers.editor';
import { CATEGORY, COLORS, wholeIn } from '../shared/editor/editor';


/** Which rows each mode uses. */
const ROWS: Record<string, string[]> = {
  query: ['query', 'includeDeleted', 'pageSize', 'output', 'paging'],
  bulk: ['query', 'includeDeleted', 'pageSize', 'bulkTimeout', 'output', 'paging'],
  delta: ['object', 'fields', 'where', 'includeDeleted', 'pageSize', 'output', 'paging', 'commit', 'store', 'cursorName'],
  ids: ['object', 'fields', 'output', 'paging'],
  describe: ['object'],
};
const ALL = ['query', 'object', 'fields', 'where', 'includeDeleted', 'pageSize', 'bulkTimeout', 'output', 'paging', 'commit', 'store', 'cursorName'];

/** Query pages hold 200-2,000 records; Bulk result pages up to 100,000. */
function validPageSize(this: { mode?: string }, v: unknown): boolean {
  const mode = String($('#node-input-mode').val() ?? this.mode ?? 'query');
  return mode === 'bulk' ? wholeIn(1, 100000)(v) : wholeIn(200, 2000)(v);
}

RED.nodes.registerType('crm-salesforce-in', {
  category: CATEGORY,
  color: COLORS.salesforce,
  defaults: {
    name: { value: '' },
    connection: { value: '', type: 'crm-salesforce-config', required: true },
    mode: { value: 'query' },
    query: { value: 'SELECT Id, Name FROM Account' },
    object: { value: '' },
    fields: { value: '' },
    where: { value: '' },
    includeDeleted: { value: false },
    pageSize: { value: 2000, validate: validPageSize },
    bulkTimeout: { value: 30, validate: wholeIn(1, 1440) },
    output: { value: 'page' },
    paging: { value: 'pull' },
    commit: { value: 'sent' },
    store: { value: '', type: 'crm-pg-config', required: false },
    cursorName: { value: '' },
    version: { value: 1 },
  },
  inputs: 1,
  outputs: 1,
  icon: 'crm-salesforce-in.svg',
  paletteLabel: function (this: { _: (k: string) => string }) {
    return this._('salesforce-in.paletteLabel');
  },
  label: function (this: { name?: string; mode?: string; object?: string; _: (k: string) => string }) {
    return this.name || (this.object ? `${this._('salesforce-in.paletteLabel')}: ${this.object}` : this._('salesforce-in.paletteLabel'));
  },
  outputLabels: function (this: { _: (k: string) => string }) {
    return this._('salesforce-in.label.outputLabel');
  },
  oneditprepare: function () {
    const toggle = (): void => {
      const mode = String($('#node-input-mode').val() ?? 'query');
      // Saving on msg.next needs msg.next: pull paging only.
      const pull = String($('#node-input-paging').val() ?? 'pull') === 'pull';
      for (const f of ALL) $(`.crm-sf-in-${f}`).toggle((ROWS[mode] ?? []).includes(f) && (f !== 'commit' || pull));
    };
    $('#node-input-mode, #node-input-paging').on('change', toggle);
    toggle();
    wirePickers({ node: this as unknown as { _: (key: string, params?: Record<string, unknown>) => string }, object: $('#node-input-object'), objectFilter: (o) => o.queryable });
  },
});
