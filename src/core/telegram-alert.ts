/**
 * Alert text and severity: pure rules behind crm-telegram-alert, kept apart from Node-RED so they
 * are tested alone. Templates are mustache (like Node-RED's template node) rendered for Telegram's
 * HTML parse mode: the template's own markup stays, every value inserted with {{ }} is escaped.
 */
import Mustache from 'mustache';
import { CrmError } from './errors';
import { escapeHtml, parseTelegramHtml, TELEGRAM_TEXT_LIMIT, truncateHtml, HtmlEntityError } from './telegram-html';

export const SEVERITIES = ['info', 'warning', 'error', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Common spellings from loggers and monitoring tools, so msg.level from most sources just works. */
const ALIASES: Record<string, Severity> = {
  info: 'info', information: 'info', notice: 'info', debug: 'info', trace: 'info',
  warning: 'warning', warn: 'warning',
  error: 'error', err: 'error',
  critical: 'critical', crit: 'critical', fatal: 'critical', alert: 'critical', emergency: 'critical',
};

/**
 * The alert's severity from msg.severity, else msg.level; missing means info. An unknown value is
 * an input error rather than a guess, so an alert is never silently dropped by the filter.
 */
export function readSeverity(msg: { severity?: unknown; level?: unknown }): Severity {
  const raw = msg.severity ?? msg.level;
  if (raw === undefined || raw === null || raw === '') return 'info';
  const found = typeof raw === 'string' ? ALIASES[raw.trim().toLowerCase()] : undefined;
  if (!found) {
    throw new CrmError('TELEGRAM_BAD_SEVERITY', `Unknown severity "${String(raw)}": use info, warning, error or critical.`, {
      params: { value: String(raw), allowed: SEVERITIES.join(', ') },
    });
  }
  return found;
}

export function meetsSeverity(severity: Severity, minimum: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(minimum);
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** Mustache over the msg with Telegram-safe escaping; objects are shown as JSON like the template node. */
export function renderTemplate(template: string, view: Record<string, unknown>): string {
  const escape = (value: unknown): string => escapeHtml(typeof value === 'object' && value !== null ? JSON.stringify(value) : value);
  return Mustache.render(template, view, undefined, { escape });
}

export interface RenderedAlert {
  html: string;
  truncated: boolean;
}

/**
 * Renders the alert and fits it into one Telegram message. An empty result or markup Telegram would
 * reject in a message too long to send whole is a clear input error here, before any API call.
 */
export function renderAlert(template: string, view: Record<string, unknown>, marker: string, limit = TELEGRAM_TEXT_LIMIT): RenderedAlert {
  const html = renderTemplate(template, view);
  let plain: string | undefined;
  try {
    plain = parseTelegramHtml(html);
  } catch (err) {
    // Telegram has the last word on markup it accepts; we only need to read it to cut it.
    if (!(err instanceof HtmlEntityError)) throw err;
  }
  if (plain !== undefined && plain.trim() === '') {
    throw new CrmError('TELEGRAM_EMPTY_MESSAGE', 'The message template rendered an empty text.');
  }
  if (plain !== undefined && plain.length <= limit) return { html, truncated: false };
  try {
    return truncateHtml(html, limit, marker);
  } catch (err) {
    if (!(err instanceof HtmlEntityError)) throw err;
    if (html.length <= limit) return { html, truncated: false };
    throw new CrmError('TELEGRAM_TEMPLATE_HTML', `The message is too long and its HTML cannot be cut safely: ${err.message}`, {
      params: { reason: err.message },
    });
  }
}

/** A chat id from the node or msg: integers (as numbers or strings) and "@channelname". */
export function readChatId(value: unknown): number | string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value !== 0) return value;
  if (typeof value === 'string') {
    const s = value.trim();
    if (/^-?[1-9]\d{0,15}$/.test(s)) return Number(s);
    if (/^@[A-Za-z][A-Za-z0-9_]{3,31}$/.test(s)) return s;
  }
  throw new CrmError('TELEGRAM_BAD_CHAT', `"${String(value)}" is not a Telegram chat id.`, { params: { value: String(value) } });
}

/** An alert's visible text on one line, shortened, to say in a digest which alert repeated. */
export function excerpt(html: string, max = 80): string {
  let text: string;
  try {
    text = parseTelegramHtml(html);
  } catch {
    text = html.replace(/<[^>]*>/g, '');
  }
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
