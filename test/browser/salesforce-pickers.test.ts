/**
 * salesforce in/out dialogs offer objects and external id fields from the org's describe when the
 * chosen configuration works (here: undeployed, pointing at the twin), and stay plain text inputs
 * with a hint, and no console errors, when it does not.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startSalesforceTwin } from '../../src/sandbox/salesforce';
import type { SalesforceTwinHandle } from '../../src/sandbox/salesforce';
import { openEditor } from '../helpers/editor-page';
import type { EditorPage } from '../helpers/editor-page';

declare const RED: any;

describe('salesforce in/out editor pickers', { timeout: 120_000 }, () => {
  let editor: EditorPage;
  let page: Page;
  let twin: SalesforceTwinHandle;

  before(async () => {
    twin = await startSalesforceTwin();
    editor = await openEditor('crm-sync-pickers-');
    page = editor.page;
  });

  after(async () => {
    await editor?.stop();
    await twin?.stop();
  });

  /** Imports a config node (with credentials, as if typed and not deployed) and a node using it; opens its dialog. */
  async function open(config: Record<string, unknown>, node: Record<string, unknown>): Promise<void> {
    const id = await page.evaluate(
      ([cfg, n]) => {
        const z = RED.workspaces.active();
        const result = RED.nodes.import([cfg, { ...n, z, x: 200, y: 100, wires: [] }], { generateIds: true, applyNodeDefaults: true });
        const made = result.nodes.find((x: any) => x.type === n.type);
        const madeCfg = RED.nodes.node(made.connection);
        madeCfg.credentials = cfg.credentials;
        return made.id as string;
      },
      [config, node] as const,
    );
    await page.evaluate((nodeId) => RED.editor.edit(RED.nodes.node(nodeId)), id);
    await page.locator('.red-ui-tray').last().locator('#dialog-form').waitFor({ state: 'visible' });
  }

  async function close(): Promise<void> {
    await page.locator('#node-dialog-cancel').click();
    await page.locator('#dialog-form').waitFor({ state: 'detached' });
  }

  it('salesforce out: objects and external id fields come from describe when the config works', async () => {
    const cfg = { id: 'c1', type: 'crm-salesforce-config', loginUrl: twin.info.loginUrl, apiVersion: '62.0', authType: 'jwt', username: twin.info.username, clientId: twin.info.clientId, credentials: { privateKey: twin.info.privateKey } };
    await open(cfg, { id: 'o1', type: 'crm-salesforce-out', connection: 'c1', operation: 'upsert', object: 'Lead' });
    await page.locator('#crm-sf-objects option[value="Lead"]').waitFor({ state: 'attached', timeout: 10_000 });
    await page.locator('#crm-sf-fields option[value="Monday_Item_Id__c"]').waitFor({ state: 'attached', timeout: 10_000 });
    const fields = await page.locator('#crm-sf-fields option').evaluateAll((els) => els.map((e) => e.getAttribute('value')));
    assert.ok(fields.includes('Id') && !fields.includes('LastName'), `only external id fields: ${fields.join(', ')}`);
    assert.equal(await page.locator('#node-input-externalIdField').getAttribute('list'), 'crm-sf-fields');
    assert.equal(await page.locator('.crm-sf-picker-hint').isVisible(), false);
    await close();
  });

  it('salesforce in: an unreachable org leaves a typed input with a hint, and no console errors', async () => {
    const cfg = { id: 'c2', type: 'crm-salesforce-config', loginUrl: 'http://127.0.0.1:9', apiVersion: '62.0', authType: 'password', username: 'nobody@example.com', credentials: { password: 'Secret-Not-Shown-1' } };
    await open(cfg, { id: 'i1', type: 'crm-salesforce-in', connection: 'c2', mode: 'delta', object: 'Lead' });
    const hint = page.locator('.crm-sf-picker-hint');
    await hint.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await hint.innerText(), /No suggestions from Salesforce .*type the API name/);
    assert.ok(!(await hint.innerText()).includes('Secret-Not-Shown-1'));
    await page.locator('#node-input-object').fill('Contact');
    assert.equal(await page.locator('#node-input-object').inputValue(), 'Contact');
    await close();
    assert.deepEqual(editor.problems, []);
  });
});
