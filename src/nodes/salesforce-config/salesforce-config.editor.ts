import { callAdmin, CONFIG_CATEGORY, wholeIn } from '../shared/editor/editor';

interface ConfigEditor {
  id: string;
  name?: string;
  _: (key: string, params?: Record<string, unknown>) => string;
}

interface WhoAmI {
  organizationId: string;
  username: string;
  displayName: string;
  apiUsage: { used: number; limit: number } | null;
}

/** Which rows each auth method needs. */
const ROWS: Record<string, string[]> = {
  password: ['username', 'password', 'securityToken', 'clientId', 'clientSecret'],
  refreshToken: ['clientId', 'clientSecret', 'refreshToken'],
  jwt: ['username', 'clientId', 'privateKey'],
  clientCredentials: ['clientId', 'clientSecret'],
};
const ALL = ['username', 'password', 'securityToken', 'clientId', 'clientSecret', 'refreshToken', 'privateKey'];
const FIELDS = ['loginUrl', 'apiVersion', 'authType', ...ALL];


RED.nodes.registerType('crm-salesforce-config', {
  category: CONFIG_CATEGORY,
  defaults: {
    name: { value: '' },
    loginUrl: { value: 'https://login.salesforce.com', required: true, validate: RED.validators.regex(/^https?:\/\/[^\s]+$/) },
    apiVersion: { value: '62.0', required: true, validate: RED.validators.regex(/^\d{2,3}\.0$/) },
    authType: { value: 'password' },
    username: { value: '' },
    clientId: { value: '' },
    maxConcurrent: { value: 5, validate: wholeIn(1, 25) },
    slowDownAt: { value: 90, validate: wholeIn(1, 100) },
    version: { value: 1 },
  },
  credentials: {
    password: { type: 'password' },
    securityToken: { type: 'password' },
    clientSecret: { type: 'password' },
    refreshToken: { type: 'password' },
    privateKey: { type: 'password' },
  },
  paletteLabel: 'Salesforce org',
  label: function (this: { name?: string; username?: string }) {
    return this.name || this.username || 'Salesforce org';
  },
  oneditprepare: function () {
    const node = this as unknown as ConfigEditor;
    const toggle = (): void => {
      const method = String($('#node-config-input-authType').val() ?? 'password');
      for (const f of ALL) $(`.crm-sf-row-${f}`).toggle((ROWS[method] ?? []).includes(f));
    };
    $('#node-config-input-authType').on('change', toggle);
    toggle();
    const button = $('#node-config-salesforce-test');
    const result = $('#node-config-salesforce-test-result');
    button.on('click', () => {
      button.prop('disabled', true);
      result.text(node._('salesforce-config.test.running'));
      const body: Record<string, unknown> = { id: node.id };
      for (const f of FIELDS) body[f] = $(`#node-config-input-${f}`).val();
      callAdmin<WhoAmI>('crm-salesforce-config/test', body)
        .then((who) =>
          result.text(
            node._('salesforce-config.test.ok', {
              user: who.username,
              org: who.organizationId,
              usage: who.apiUsage ? `${who.apiUsage.used}/${who.apiUsage.limit}` : '?',
            }),
          ),
        )
        .catch((err: Error) => result.text(node._('salesforce-config.test.failed', { message: err.message })))
        .finally(() => button.prop('disabled', false));
    });
  },
});
