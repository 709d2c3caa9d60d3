/**
 * The field mapper's editor in a real Node-RED + Chromium: the rows table is filled from the
 * mapping, Preview and Suggest reach the admin endpoints, Done saves the table back, and the
 * example flow runs. Needs `npm run build` first and a Chromium (CHROMIUM_PATH or /usr/bin/chromium).
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

// The editor's global, used only inside page.evaluate callbacks that run in the browser.
declare const RED: any;

const ROOT = path.resolve(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitForHttp(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Node-RED did not start at ${url}`);
}

describe('crm-field-mapper editor', { skip: !fs.existsSync(CHROMIUM) && 'no Chromium' }, () => {
  let dir: string;
  let red: ChildProcess;
  let browser: Browser;
  let page: Page;
  let base: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-fm-editor-'));
    fs.mkdirSync(path.join(dir, 'node_modules', '@crm-sync'), { recursive: true });
    fs.symlinkSync(ROOT, path.join(dir, 'node_modules', '@crm-sync', 'node-red-crm-sync'));
    const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'field-mapper.json'), 'utf8')) as Array<Record<string, unknown>>;
    const flows = [{ id: 'tab1', type: 'tab', label: 'field mapper' }, ...example.map((n) => ({ ...n, z: 'tab1' }))];
    fs.writeFileSync(path.join(dir, 'flows.json'), JSON.stringify(flows));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    fs.writeFileSync(
      path.join(dir, 'settings.js'),
      `module.exports = { uiHost: '127.0.0.1', uiPort: ${port}, flowFile: 'flows.json', credentialSecret: 'test', logging: { console: { level: 'warn' } }, editorTheme: { tours: false } };`,
    );
    red = spawn(process.execPath, [require.resolve('node-red/red.js'), '-u', dir, '-s', path.join(dir, 'settings.js')], { stdio: 'ignore' });
    await waitForHttp(`${base}/settings`, 30000);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(base, { waitUntil: 'networkidle' });
    await page.waitForFunction(() => typeof RED !== 'undefined' && !!RED.nodes.node('fm.mapper'), undefined, { timeout: 30000 });
  });

  after(async () => {
    await browser?.close();
    red?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Clicks through jQuery: Node-RED's first-run dialogs may shade the page.
  const click = (selector: string): Promise<void> => page.evaluate((s) => void $(s).trigger('click'), selector);

  it('is in the palette as "field mapper" under CRM sync', async () => {
    const entry = page.locator('.red-ui-palette-node[data-palette-type="crm-field-mapper"]');
    assert.equal(await entry.count(), 1);
    assert.match((await entry.textContent()) ?? '', /field\s+mapper/);
    assert.equal(await page.evaluate(() => RED.nodes.getType('crm-field-mapper')?.category), 'CRM sync');
  });

  it('shows the mapping as rows, previews the sample and saves the table back', async () => {
    await page.evaluate(() => RED.editor.edit(RED.nodes.node('fm.mapper')));
    await page.waitForSelector('#node-input-rows-container .crm-fm-row');
    assert.equal(await page.locator('#node-input-rows-container .crm-fm-row').count(), 8);
    await page.waitForFunction(() => $('#crm-fm-target-fields option').length === 8);

    await click('#crm-fm-preview');
    await page.waitForFunction(() => $('#crm-fm-preview-result').text().length > 0);
    const preview = (await page.locator('#crm-fm-preview-result').textContent()) ?? '';
    assert.match(preview, /^valid/);
    assert.match(preview, /"StageName": "Proposal\/Price Quote"/);

    // Drop every row, let Suggest refill from the schema + sample, and save.
    await page.evaluate(() => $('#node-input-rows-container').editableList('empty'));
    await click('#crm-fm-suggest');
    await page.waitForFunction(() => $('#node-input-rows-container .crm-fm-row').length > 0);
    const targets = await page.locator('#node-input-rows-container .crm-fm-target').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    assert.ok(targets.includes('StageName') && targets.includes('CloseDate') && targets.includes('Amount'), targets.join());
    await click('#node-dialog-ok');
    const saved = JSON.parse(await page.evaluate(() => (RED.nodes.node('fm.mapper') as unknown as { mapping: string }).mapping));
    assert.equal(saved.rows.length, targets.length);
    assert.equal(saved.options.locale, 'de-DE');
  });

  it('offers a Salesforce object or monday board from a connection, with config selectors, and says why fields cannot be fetched', async () => {
    // The previous test's dialog must be gone: element ids would otherwise exist twice.
    await page.waitForFunction(() => $('[id="node-input-schemaSource"]').length === 0);
    await page.evaluate(() => RED.editor.edit(RED.nodes.node('fm.mapper')));
    await page.waitForSelector('#node-input-rows-container .crm-fm-row');
    await page.waitForSelector('#node-dialog-cancel', { state: 'visible' });
    const kinds = await page.locator('#node-input-schemaSource option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    assert.deepEqual(kinds, ['none', 'static', 'salesforce', 'monday']);
    await page.evaluate(() => $('#node-input-schemaSource').val('salesforce').trigger('change'));
    assert.equal(await page.evaluate(() => document.getElementById('node-input-sfConnection')?.tagName), 'SELECT', 'config node selector');
    await page.waitForFunction(() => $('#node-input-sfObject').is(':visible') && !$('#node-input-mondayBoard').is(':visible') && !$('#node-input-schemaText').is(':visible'), undefined, { timeout: 5000 });
    // No connection selected yet: the reason shows under the selector instead of a popup.
    await page.waitForFunction(() => /Could not fetch/.test($('#crm-fm-schema-fetched').text()));
    await page.evaluate(() => $('#node-input-schemaSource').val('monday').trigger('change'));
    assert.equal(await page.evaluate(() => document.getElementById('node-input-mondayAccount')?.tagName), 'SELECT');
    await page.waitForFunction(() => $('#node-input-mondayBoard').is(':visible') && !$('#node-input-sfObject').is(':visible'), undefined, { timeout: 5000 });
    await click('#node-dialog-cancel');
    assert.equal(await page.evaluate(() => (RED.nodes.node('fm.mapper') as unknown as { schemaSource: string }).schemaSource), 'static');
  });

  it('runs the example flow: one valid and one invalid record', async () => {
    const res = await fetch(`${base}/inject/fm.inject2`, { method: 'POST' });
    assert.equal(res.status, 200);
    await page.waitForFunction(() => (RED.nodes.node('fm.mapper') as unknown as { status?: { text?: string } }).status?.text === '1 mapped, 1 invalid', undefined, { timeout: 10000 });
  });
});
