/**
 * Telegram's HTML parse mode: escaping user values, reading a message the way the Bot API does
 * (tags become formatting, entities become characters) and cutting it to the length limit without
 * breaking the markup. The Telegram twin validates with the same reader, so both sides agree on
 * what "4096 characters after entity parsing" means.
 */

/** Tags the Bot API accepts in parse_mode HTML (https://core.telegram.org/bots/api#html-style). */
const SUPPORTED_TAGS = new Set([
  'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'tg-emoji', 'code', 'pre', 'blockquote',
]);

/** The only named entities Telegram understands; every numeric entity is accepted too. */
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export const TELEGRAM_TEXT_LIMIT = 4096;

export type HtmlToken =
  | { kind: 'text'; raw: string; text: string }
  | { kind: 'open'; name: string; raw: string }
  | { kind: 'close'; name: string; raw: string };

/** Where and why the markup is not what Telegram accepts; `reason` mirrors the Bot API's wording. */
export class HtmlEntityError extends Error {
  constructor(readonly reason: string) {
    super(`can't parse entities: ${reason}`);
    this.name = 'HtmlEntityError';
  }
}

/** Escapes a value for HTML parse mode: `< > &` as Telegram requires, `"` so values are safe in attributes. */
export function escapeHtml(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

function byteOffset(html: string, index: number): number {
  return Buffer.byteLength(html.slice(0, index), 'utf8');
}

function decodeEntity(html: string, at: number): { raw: string; text: string } {
  const m = /^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);/.exec(html.slice(at, at + 12));
  if (m) {
    const body = m[1];
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (code > 0 && code <= 0x10ffff) return { raw: m[0], text: String.fromCodePoint(code) };
    } else if (NAMED_ENTITIES[body]) {
      return { raw: m[0], text: NAMED_ENTITIES[body] };
    }
  }
  // [UNVERIFIED] wording: the Bot API documents that `&` must be escaped; this reason text is ours.
  throw new HtmlEntityError(`Character '&' at byte offset ${byteOffset(html, at)} must be escaped as &amp;`);
}

function readTag(html: string, at: number): HtmlToken & { kind: 'open' | 'close' } {
  const end = html.indexOf('>', at);
  const closing = html[at + 1] === '/';
  const nameMatch = /^[a-zA-Z][a-zA-Z0-9-]*/.exec(html.slice(at + (closing ? 2 : 1)));
  const name = nameMatch ? nameMatch[0].toLowerCase() : '';
  if (end < 0 || !name) {
    // [UNVERIFIED] wording, modelled on the Bot API's "Unsupported start tag" reason.
    throw new HtmlEntityError(`Unsupported start tag "${name}" at byte offset ${byteOffset(html, at)}`);
  }
  const raw = html.slice(at, end + 1);
  if (closing) return { kind: 'close', name, raw };
  if (!SUPPORTED_TAGS.has(name)) throw new HtmlEntityError(`Unsupported start tag "${name}" at byte offset ${byteOffset(html, at)}`);
  const attrs = raw.slice(1 + name.length, -1);
  const attrText = attrs.replace(/\s*[a-zA-Z-]+\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)|\s+[a-zA-Z-]+/g, '');
  if (attrText.trim() !== '' && attrText.trim() !== '/') {
    throw new HtmlEntityError(`Unclosed start tag at byte offset ${byteOffset(html, at)}`);
  }
  return { kind: 'open', name, raw };
}

/** Splits HTML into tags and text; each entity is its own text token so cuts never split one. */
export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let i = 0;
  let plainStart = 0;
  const flushPlain = (to: number): void => {
    if (to > plainStart) tokens.push({ kind: 'text', raw: html.slice(plainStart, to), text: html.slice(plainStart, to) });
  };
  while (i < html.length) {
    const c = html[i];
    if (c !== '<' && c !== '&') {
      i += 1;
      continue;
    }
    flushPlain(i);
    const token = c === '<' ? readTag(html, i) : { kind: 'text' as const, ...decodeEntity(html, i) };
    tokens.push(token);
    i += token.raw.length;
    plainStart = i;
  }
  flushPlain(i);
  return tokens;
}

/**
 * Reads a message as the Bot API does: checks tag nesting and returns the plain text Telegram
 * would store (and count against the limit). Throws HtmlEntityError on markup Telegram rejects.
 */
export function parseTelegramHtml(html: string): string {
  const open: string[] = [];
  let text = '';
  for (const t of tokenizeHtml(html)) {
    if (t.kind === 'text') text += t.text;
    else if (t.kind === 'open') open.push(t.name);
    else {
      const expected = open.pop();
      if (expected === undefined) throw new HtmlEntityError(`Unexpected end tag "</${t.name}>"`);
      if (expected !== t.name) throw new HtmlEntityError(`Unmatched end tag "</${t.name}>", expected "</${expected}>"`);
    }
  }
  if (open.length > 0) throw new HtmlEntityError(`Can't find end tag corresponding to start tag "${open[open.length - 1]}"`);
  return text;
}

/** Length as Telegram counts it: UTF-16 code units of the text after entity parsing. */
export function visibleLength(html: string): number {
  return parseTelegramHtml(html).length;
}

/** The longest prefix of `text` within `budget` UTF-16 units that does not split a surrogate pair. */
function cutPlain(text: string, budget: number): string {
  let cut = text.slice(0, budget);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/**
 * Cuts a message so its visible text fits `limit`, closing any tags left open and appending
 * `marker` (plain text, escaped here). Returns the input unchanged when it already fits.
 */
export function truncateHtml(html: string, limit: number, marker: string): { html: string; truncated: boolean } {
  const tokens = tokenizeHtml(html);
  const total = tokens.reduce((n, t) => n + (t.kind === 'text' ? t.text.length : 0), 0);
  if (total <= limit) return { html, truncated: false };
  let budget = Math.max(0, limit - marker.length);
  const open: string[] = [];
  let out = '';
  for (const t of tokens) {
    if (t.kind === 'open') {
      if (budget === 0) break;
      open.push(t.name);
      out += t.raw;
    } else if (t.kind === 'close') {
      if (open[open.length - 1] === t.name) open.pop();
      out += t.raw;
    } else if (t.text.length <= budget) {
      out += t.raw;
      budget -= t.text.length;
    } else {
      // Entities are atomic (raw !== text); plain runs can be cut anywhere but inside a surrogate pair.
      if (t.raw === t.text) out += cutPlain(t.text, budget);
      break;
    }
  }
  for (let k = open.length - 1; k >= 0; k -= 1) out += `</${open[k]}>`;
  return { html: out + escapeHtml(marker), truncated: true };
}
