import { callAdmin, CONFIG_CATEGORY } from '../shared/editor/editor';

interface ConfigEditor {
  id: string;
  _: (key: string, params?: Record<string, unknown>) => string;
}

interface TestResult {
  account: string;
  user: string;
  budgetLeft: number | null;
  resetInSeconds: number | null;
}

RED.nodes.registerType('crm-monday-config', {
  category: CONFIG_CATEGORY,
  defaults: {
    name: { value: '' },
    endpoint: { value: 'https://api.monday.com', required: true, validate: RED.validators.regex(/^https?:\/\/[^\s]+$/) },
    apiVersion: { value: '2026-10', required: true, validate: RED.validators.regex(/^\d{4}-\d{2}$/) },
    budget: { value: 10000000, required: true, validate: RED.validators.number() },
    version: { value: 1 },
  },
  credentials: {
    token: { type: 'password' },
    signingSecret: { type: 'password' },
  },
  paletteLabel: 'monday account',
  label: function (this: { name?: string }) {
    return this.name || 'monday account';
  },
  oneditprepare: function () {
    const node = this as unknown as ConfigEditor;
    const button = $('#node-config-monday-test');
    const result = $('#node-config-monday-test-result');
    button.on('click', () => {
      button.prop('disabled', true);
      result.text(node._('monday-config.test.running'));
      callAdmin<TestResult>('crm-monday-config/test', {
        id: node.id,
        endpoint: $('#node-config-input-endpoint').val(),
        apiVersion: $('#node-config-input-apiVersion').val(),
        token: $('#node-config-input-token').val(),
      })
        .then((r) => result.text(node._('monday-config.test.ok', { account: r.account, user: r.user, budget: r.budgetLeft ?? '?', reset: r.resetInSeconds ?? '?' })))
        .catch((err: Error) => result.text(node._('monday-config.test.failed', { message: err.message })))
        .finally(() => button.prop('disabled', false));
    });
  },
});
