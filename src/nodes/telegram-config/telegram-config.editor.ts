import { CONFIG_CATEGORY } from '../shared/editor/editor';

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
  label: function (this: { name?: string }) {
    return this.name || 'Telegram bot';
  },
});
