import { CATEGORY, COLORS } from '../shared/editor/editor';

interface IdMapProps {
  name?: string;
  action: string;
  _: (key: string) => string;
}

const NS = 'id-map';
/** Lowercase identifiers, as the runtime requires for entity and system names. */
const NAME = /^[a-z][a-z0-9_]{0,62}$/;

function toggleIdFields(): void {
  $('.crm-id-map-byid').toggle($('#node-input-action').val() !== 'link');
}

RED.nodes.registerType('crm-id-map', {
  category: CATEGORY,
  color: COLORS.data,
  defaults: {
    name: { value: '' },
    store: { value: '', type: 'crm-pg-config', required: true },
    action: { value: 'link' },
    entity: { value: 'lead', validate: (v: unknown) => v === '' || NAME.test(String(v)) },
    system: {
      value: '',
      validate: function (this: IdMapProps, v: unknown) {
        const action = String($('#node-input-action').val() ?? this.action);
        return v === '' ? action === 'link' : NAME.test(String(v));
      },
    },
    idFrom: { value: 'crm.itemId', validate: RED.validators.typedInput('idFromType') },
    idFromType: { value: 'msg' },
    version: { value: 1 },
  },
  inputs: 1,
  outputs: 2,
  icon: 'crm-id-map.svg',
  paletteLabel: function (this: IdMapProps) {
    return this._(`${NS}.paletteLabel`);
  },
  label: function (this: IdMapProps) {
    return this.name || this._(`${NS}.paletteLabel`);
  },
  labelStyle: function (this: IdMapProps) {
    return this.name ? 'node_label_italic' : '';
  },
  outputLabels: function (this: IdMapProps, index: number) {
    return this._(`${NS}.label.${index === 0 ? 'out1' : 'out2'}`);
  },
  oneditprepare: function () {
    $('#node-input-idFrom').typedInput({
      default: 'msg',
      types: ['msg', 'flow', 'global', 'str', 'num', 'json', 'jsonata', 'env'],
      typeField: '#node-input-idFromType',
    });
    $('#node-input-action').on('change', toggleIdFields);
    toggleIdFields();
  },
});
