// `npm run screenshots`: the README's pictures, taken in a real editor with the browser test's helpers
// (TypeScript, run with tsx by `npm run screenshots`): one per node of package.json, its edit dialog open on
// the example flow that uses it (docs/images/nodes/<type>.png), and one per main example flow, imported
// through Import > Examples and deployed against the twins (docs/images/examples/<name>.png).
// Needs a build (the script runs it) and Chromium (/usr/bin/chromium or CHROMIUM_PATH).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startSandbox } from '../src/sandbox';
import type { Sandbox } from '../src/sandbox';
import { openEditor } from '../test/helpers/editor-page';
import { deploy, flowShot, freshEditor, importExample, patchContext, pointAtTwins, settledStatuses, tabsOf } from '../test/helpers/examples-editor';
import { NODES, ROOT, exampleFiles } from '../test/helpers/package-facts';
import type { NodeEntry } from '../test/helpers/package-facts';
import { DEMO_TWINS } from './demo/twins.mjs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the editor global, untyped
declare const RED: any;

const OUT = path.join(ROOT, 'docs', 'images');
const VIEWPORT = { width: 1000, height: 680 };
const names = exampleFiles().map((f) => path.basename(f, '.json'));
const perNode = new Set(NODES.map((n) => n.name));
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The example to show a node in: its own (named after it), else the first that uses it. */
function exampleFor(node: NodeEntry): string | undefined {
  if (names.includes(node.name)) return node.name;
  return names.find((n) => (JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', `${n}.json`), 'utf8')) as Array<{ type: string }>).some((x) => x.type === node.type));
}

async function nodeShot(page: Page, node: NodeEntry): Promise<string> {
  await freshEditor(page);
  const example = exampleFor(node);
  const nodes = example ? await importExample(page, example) : [];
  const found = nodes.find((n) => n.type === node.type);
  await page.evaluate(
    ({ type, id, isConfig }) => {
      RED.menu.setSelected('menu-item-palette', false);
      RED.menu.setSelected('menu-item-sidebar', false);
      document.querySelectorAll<HTMLElement>('.red-ui-notification').forEach((n) => (n.style.display = 'none'));
      if (isConfig) return RED.editor.editConfig('', type, id ?? '_ADD_');
      let target = id && RED.nodes.node(id);
      if (target) RED.workspaces.show(target.z);
      else target = RED.nodes.import([{ id: 'shot', type, x: 200, y: 120, z: RED.workspaces.active(), wires: [] }], { generateIds: true, applyNodeDefaults: true }).nodes[0];
      RED.view.select({ nodes: [] }); // an import leaves its nodes selected (orange)
      RED.view.reveal(target.id, false);
      RED.editor.edit(target);
    },
    { type: node.type, id: found?.id, isConfig: node.isConfig },
  );
  await page.locator(node.isConfig ? '#node-config-dialog-edit-form' : '#dialog-form').waitFor({ state: 'visible' });
  await page.waitForTimeout(600); // the tray slides in
  const file = path.join(OUT, 'nodes', `${node.type}.png`);
  await page.screenshot({ path: file });
  return `${path.relative(ROOT, file)} (${example ?? 'defaults'})`;
}

async function exampleShot(page: Page, sandbox: Sandbox, url: string, name: string): Promise<string[]> {
  await freshEditor(page);
  const nodes = await importExample(page, name);
  await pointAtTwins(page, nodes, patchContext(sandbox.toJSON(), url));
  const result = await deploy(page);
  if (!result.ok) throw new Error(`${name}: ${result.notice}`);
  await settledStatuses(page, nodes.map((n) => n.id), { quietMs: 2000, timeoutMs: 15000 });
  return Promise.all(
    tabsOf(nodes).map(async (tab, i) => {
      const file = path.join(OUT, 'examples', `${slug(name)}${i ? `-${i + 1}` : ''}.png`);
      await flowShot(page, tab, file);
      return path.relative(ROOT, file);
    }),
  );
}

async function main(): Promise<void> {
  const sandbox = await startSandbox(DEMO_TWINS);
  const editor = await openEditor('crm-sync-screenshots-');
  try {
  await editor.page.setViewportSize(VIEWPORT);
  fs.mkdirSync(path.join(OUT, 'nodes'), { recursive: true });
  fs.mkdirSync(path.join(OUT, 'examples'), { recursive: true });
  for (const node of NODES) console.log(`screenshots: ${await nodeShot(editor.page, node)}`);
  for (const name of names.filter((n) => !perNode.has(n))) {
    for (const file of await exampleShot(editor.page, sandbox, editor.url, name)) console.log(`screenshots: ${file}`);
  }
  } finally {
    await editor.stop();
    await sandbox.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
