/**
 * Every file in examples/, the way a user meets it: Menu → Import → Examples → @crm-sync/node-red-crm-sync →
 * <name>, config nodes pointed at the API twins (what a user would type into the dialogs; the table the demo
 * and the flow harness use), Deploy. No unknown node types, no deploy error or confirmation, no red status or
 * error log right after deploy; a picture of each flow in test-output/browser/examples/<name>.png.
 * One Node-RED and one browser for all examples; each import replaces the previous example.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSandbox } from '../../src/sandbox';
import type { Sandbox } from '../../src/sandbox';
import { DEMO_TWINS } from '../../scripts/demo/twins.mjs';
import { openEditor } from '../helpers/editor-page';
import type { EditorPage } from '../helpers/editor-page';
import { deploy, freshEditor, exampleNames, flowShot, importExample, installPageHelpers, patchContext, pointAtTwins, settledStatuses, tabsOf } from '../helpers/examples-editor';
import { ROOT, exampleFiles } from '../helpers/package-facts';

const SHOTS = path.join(ROOT, 'test-output', 'browser', 'examples');
const NAMES = exampleNames(exampleFiles());

describe('importing and deploying each example from the editor', { timeout: 600_000 }, () => {
  let editor: EditorPage;
  let sandbox: Sandbox;

  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    sandbox = await startSandbox(DEMO_TWINS);
    editor = await openEditor('crm-sync-examples-');
    await installPageHelpers(editor.page);
  });

  after(async () => {
    await editor?.stop();
    await sandbox?.stop();
  });

  it('lists every example under Import > Examples', () => assert.ok(NAMES.length > 0));

  for (const name of NAMES) {
    it(`${name}: imports, deploys and runs without errors`, async () => {
      const { page, problems } = editor;
      problems.length = 0;
      await freshEditor(page);
      const nodes = await importExample(page, name);
      assert.ok(nodes.length > 0, `${name}: nothing imported`);
      assert.deepEqual(nodes.filter((n) => n.type === 'unknown').map((n) => n.name), [], `${name}: unknown node types`);
      const notices = await page.locator('.red-ui-notification').allInnerTexts();
      assert.deepEqual(notices.filter((t) => /unrecogni[sz]ed|unknown|missing|error/i.test(t)), [], `${name}: import notices`);

      await pointAtTwins(page, nodes, patchContext(sandbox.toJSON(), editor.url));
      const logsBefore = editor.logs().length;
      const result = await deploy(page);
      assert.deepEqual(result.confirmations, [], `${name}: the deploy asked for confirmation`);
      assert.ok(result.ok, `${name}: deploy failed: ${result.notice}`);

      const states = await settledStatuses(page, nodes.map((n) => n.id));
      const red = states.filter((s) => s.status?.fill === 'red').map((s) => `${s.name || s.type}: ${s.status?.text}`);
      assert.deepEqual(red, [], `${name}: nodes with an error status after deploy`);
      const errors = editor.logs().slice(logsBefore).split('\n').filter((l) => /\[error\]/.test(l));
      assert.deepEqual(errors, [], `${name}: errors logged after deploy`);
      assert.deepEqual(problems, [], `${name}: browser console errors`);

      const tabs = tabsOf(nodes);
      assert.ok(tabs.length > 0, `${name}: no flow on any tab`);
      for (const [i, tab] of tabs.entries()) await flowShot(page, tab, path.join(SHOTS, `${name}${i ? `-${i + 1}` : ''}.png`));
    });
  }
});
