import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrmError } from '../../src/core/errors';
import { excerpt, meetsSeverity, readChatId, readSeverity, renderAlert, renderTemplate } from '../../src/core/telegram-alert';
import { parseTelegramHtml } from '../../src/core/telegram-html';

const code = (c: string) => (err: unknown) => err instanceof CrmError && err.code === c;

describe('telegram alert: template rendering', () => {
  it('keeps the template markup and escapes every value', () => {
    const html = renderTemplate('<b>{{topic}}</b>: {{payload}}', { topic: 'A&B', payload: '<i>x</i> "q"' });
    assert.equal(html, '<b>A&amp;B</b>: &lt;i&gt;x&lt;/i&gt; &quot;q&quot;');
    assert.equal(parseTelegramHtml(html), 'A&B: <i>x</i> "q"');
  });

  it('shows objects as JSON, escaped', () => {
    assert.equal(renderTemplate('{{payload}}', { payload: { a: '<1>' } }), '{&quot;a&quot;:&quot;&lt;1&gt;&quot;}');
  });

  it('truncates long alerts to 4096 visible characters with the marker', () => {
    const r = renderAlert('<b>{{payload}}</b>', { payload: 'x'.repeat(5000) }, '… [truncated]');
    assert.equal(r.truncated, true);
    const text = parseTelegramHtml(r.html);
    assert.equal(text.length, 4096);
    assert.ok(text.endsWith('… [truncated]'));
  });

  it('rejects an empty rendering before calling Telegram', () => {
    assert.throws(() => renderAlert('{{payload}}', { payload: '  ' }, '…'), code('TELEGRAM_EMPTY_MESSAGE'));
  });

  it('leaves short but malformed markup for Telegram to judge', () => {
    assert.deepEqual(renderAlert('<b>{{payload}}', { payload: 'x' }, '…'), { html: '<b>x', truncated: false });
  });
});

describe('telegram alert: severity and chat', () => {
  it('reads msg.severity, then msg.level, defaulting to info and accepting common aliases', () => {
    assert.equal(readSeverity({}), 'info');
    assert.equal(readSeverity({ level: 'WARN' }), 'warning');
    assert.equal(readSeverity({ severity: 'fatal', level: 'info' }), 'critical');
    assert.throws(() => readSeverity({ severity: 'loud' }), code('TELEGRAM_BAD_SEVERITY'));
  });

  it('compares severities by rank', () => {
    assert.equal(meetsSeverity('error', 'warning'), true);
    assert.equal(meetsSeverity('info', 'warning'), false);
    assert.equal(meetsSeverity('critical', 'critical'), true);
  });

  it('accepts numeric ids (as numbers or strings) and @channel names only', () => {
    assert.equal(readChatId('-1001234567890'), -1001234567890);
    assert.equal(readChatId(42), 42);
    assert.equal(readChatId('@crm_alerts'), '@crm_alerts');
    for (const bad of ['', 'abc', 0, 1.5, '12a', {}]) assert.throws(() => readChatId(bad), code('TELEGRAM_BAD_CHAT'));
  });

  it('makes a short plain excerpt for digest lines', () => {
    assert.equal(excerpt('<b>error</b> \n Deal &lt;1&gt; failed\nsecond line'), 'error Deal <1> failed second line');
    assert.equal(excerpt('y'.repeat(200), 10), `${'y'.repeat(9)}…`);
  });
});
