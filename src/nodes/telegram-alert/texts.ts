/**
 * Texts that end up in Telegram messages and the status. They come from the catalog; the English
 * defaults here are used only when a runtime has no catalog loaded (node-red-node-test-helper's
 * RED._ returns the key), so an alert never says "telegram-alert.digest" to a chat. Placeholders
 * are Node-RED's own `__name__` (its i18next interpolation), not mustache.
 */
import type { RED } from '../shared/runtime';

const DEFAULTS: Record<string, string> = {
  'telegram-alert.truncated': '… [truncated]',
  'telegram-alert.digest': '+__count__ similar in the last __window__',
  'telegram-alert.digestFailed': 'Could not report __count__ coalesced alert(s): __message__',
  'telegram-alert.status.counts': 'sent __sent__ · throttled __throttled__ · coalesced __coalesced__ · filtered __filtered__',
  'telegram-alert.status.noBot': 'no bot configuration',
  'telegram-alert.status.sending': 'sending: __count__ in queue',
};

export function text(RED: RED, key: string, params: Record<string, unknown> = {}): string {
  const translated = RED._(key, params as Record<string, string | number>);
  if (translated && translated !== key) return translated;
  return (DEFAULTS[key] ?? key).replace(/__(\w+)__/g, (_m, name: string) => String(params[name] ?? ''));
}
