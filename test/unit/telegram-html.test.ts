import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, HtmlEntityError, parseTelegramHtml, truncateHtml, visibleLength } from '../../src/core/telegram-html';

describe('telegram HTML: escaping', () => {
  it('escapes < > & and quotes, and shows null/undefined as empty', () => {
    assert.equal(escapeHtml('a < b && c > "d"'), 'a &lt; b &amp;&amp; c &gt; &quot;d&quot;');
    assert.equal(escapeHtml(undefined), '');
    assert.equal(escapeHtml(42), '42');
  });

  it('round-trips: escaped text parses back to the original characters', () => {
    const raw = `<script>alert("x")</script> & &amp; 'q'`;
    assert.equal(parseTelegramHtml(escapeHtml(raw)), raw);
  });
});

describe('telegram HTML: parsing like the Bot API', () => {
  it('strips supported tags and decodes named and numeric entities', () => {
    assert.equal(parseTelegramHtml('<b>bold</b> <a href="https://x.y/?a=1&amp;b=2">link</a> &lt;&#65;&#x42;&quot;'), 'bold link <AB"');
  });

  it('rejects unknown tags, unclosed tags, mismatched tags and stray < or &', () => {
    const reasons: Array<[string, RegExp]> = [
      ['<foo>x</foo>', /Unsupported start tag "foo" at byte offset 0/],
      ['<b>x', /Can't find end tag corresponding to start tag "b"/],
      ['<b><i>x</b></i>', /Unmatched end tag/],
      ['x</b>', /Unexpected end tag/],
      ['a < b', /Unsupported start tag "" at byte offset 2/],
      ['a & b', /Character '&' at byte offset 2/],
      ['&nbsp;', /Character '&'/],
    ];
    for (const [html, reason] of reasons) {
      assert.throws(() => parseTelegramHtml(html), (err: unknown) => err instanceof HtmlEntityError && reason.test(err.message), html);
    }
  });

  it('counts byte offsets in UTF-8 like Telegram', () => {
    assert.throws(() => parseTelegramHtml('é <x>'), /byte offset 3/);
  });
});

describe('telegram HTML: truncation', () => {
  it('returns short messages unchanged', () => {
    assert.deepEqual(truncateHtml('<b>hi</b>', 10, '…'), { html: '<b>hi</b>', truncated: false });
  });

  it('cuts the visible text to the limit, closes open tags and appends the escaped marker', () => {
    const html = `<b>${'a'.repeat(50)}<i>${'b'.repeat(50)}</i></b>`;
    const { html: cut, truncated } = truncateHtml(html, 60, ' <cut>');
    assert.equal(truncated, true);
    const text = parseTelegramHtml(cut);
    assert.equal(text.length, 60);
    assert.ok(text.endsWith(' <cut>'));
    assert.ok(cut.endsWith('</i></b> &lt;cut&gt;'));
  });

  it('never splits an entity or a surrogate pair', () => {
    const entities = truncateHtml('&amp;'.repeat(10), 5, '~');
    assert.equal(entities.html, '&amp;&amp;&amp;&amp;~');
    const emoji = truncateHtml('😀😀😀', 3, '');
    assert.equal(emoji.html, '😀');
    assert.equal(visibleLength(emoji.html), 2);
  });

  it('keeps a 4096-limit message valid for any cut point', () => {
    const html = `<pre>${'x&lt;'.repeat(3000)}</pre>`;
    const { html: cut } = truncateHtml(html, 4096, '… [truncated]');
    assert.ok(visibleLength(cut) <= 4096);
  });
});
