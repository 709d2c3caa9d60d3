/** E-mail normalization: what mail systems treat as the same mailbox becomes the same string. */
import { collapseWhitespace, foldCase, stripAccents } from './text';

export interface EmailOptions {
  /** Drop "+tag" from the local part (john+crm@x.com → john@x.com). Most providers deliver both to one box. */
  stripPlusTag?: boolean;
  /** Gmail ignores dots in the local part; googlemail.com is the same domain. */
  gmailDots?: boolean;
}

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Returns the normalized address, or '' when the value is not an address at all. */
export function normalizeEmail(value: string, options: EmailOptions = {}): string {
  const cleaned = collapseWhitespace(stripAccents(foldCase(value)))
    .replace(/^mailto:/, '')
    .replace(/^<|>$/g, '')
    .replace(/\s+/g, '');
  if (!EMAIL.test(cleaned)) return '';
  const at = cleaned.lastIndexOf('@');
  let local = cleaned.slice(0, at);
  let domain = cleaned.slice(at + 1).replace(/\.+$/, '');
  if (options.stripPlusTag !== false) local = local.replace(/\+.*$/, '');
  if (GMAIL_DOMAINS.has(domain)) {
    domain = 'gmail.com';
    if (options.gmailDots !== false) local = local.replace(/\./g, '');
  }
  return local ? `${local}@${domain}` : '';
}

/** The local part of a normalized address, used for partial agreement (same person, other domain). */
export function emailLocalPart(normalized: string): string {
  const at = normalized.lastIndexOf('@');
  return at < 0 ? normalized : normalized.slice(0, at);
}
