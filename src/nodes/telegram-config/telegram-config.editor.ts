import { callAdmin, CONFIG_CATEGORY } from '../shared/editor/editor';

interface ConfigEditor {
  id: string;
  name?: string;
  _: (key: string, params?: Record<string, unknown>) => string;
}

RED.nodes.registerType('crm-telegram-config', {
  category: CONFIG_CATEGORY,
  defaults: {
    name: { value: '' },
    baseUrl: { value: 'https://api.telegram.org', required: true, validate: RED.validators.regex(/^https?:\/\/[^\s]+$/) },
    version: { value: 1 },
  },
  credentials: {
    token: { type: 'password' },
  },
  paletteLabel: 'Telegram bot',
  label: function (this: { name?: string }) {
    return this.name || 'Telegram bot';
  },
  oneditprepare: function () {
    const node = this as unknown as ConfigEditor;
    const button = $('#node-config-telegram-test');
    const result = $('#node-config-telegram-test-result');
    button.on('click', () => {
      button.prop('disabled', true);
      result.text(node._('telegram-config.test.running'));
      callAdmin<{ username: string; firstName: string }>('crm-telegram-config/test', {
        id: node.id,
        baseUrl: $('#node-config-input-baseUrl').val(),
        token: $('#node-config-input-token').val(),
      })
        .then((me) => result.text(node._('telegram-config.test.ok', { username: me.username, name: me.firstName })))
        .catch((err: Error) => result.text(node._('telegram-config.test.failed', { message: err.message })))
        .finally(() => button.prop('disabled', false));
    });
  },
});
