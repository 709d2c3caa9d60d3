/**
 * Texts that end up in Telegram messages and the status. They come from the catalog; the English
 * defaults here are used only when a runtime has no catalog loaded (node-red-node-test-helper's
 * RED._ returns the key), so an alert never says "telegram-alert.digest" to a chat.
 */
import type { RED } from '../shared/runtime';

const DEFAULTS: Record<string, string> = {
  'telegram-alert.truncated': '… [truncated]',
  'telegram-alert.digest': '+{{count}} similar in the last {{window}}',
  'telegram-alert.digestFailed': 'Could not report {{count}} coalesced alert(s): {{message}}',
  'telegram-alert.status.counts': 'sent {{sent}} · throttled {{throttled}} · coalesced {{coalesced}} · filtered {{filtered}}',
  'telegram-alert.status.sending': 'sending: {{count}} in queue',
};

export function text(RED: RED, key: string, params: Record<string, unknown> = {}): string {
  const translated = RED._(key, params as Record<string, string | number>);
  if (translated && translated !== key) return translated;
  return (DEFAULTS[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(params[name] ?? ''));
}
