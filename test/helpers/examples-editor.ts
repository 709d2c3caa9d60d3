/**
 * Driving the Node-RED editor the way a user does with the example flows: Import > Examples > package >
 * name, point the config nodes at the twins (the table in src/testing/patches.ts), Deploy, look at the
 * result, take a picture. Shared by test/browser/examples.test.ts and scripts/screenshots.mjs.
 */
import type { Page } from 'playwright-core';
import { PATCHES } from '../../src/testing/patches';
import type { FlowNode, PatchContext } from '../../src/testing/patches';
import { PKG } from './package-facts';

declare const RED: any;

/**
 * Reloads the editor (a fresh Import dialog: its examples tree keeps stale state between openings) and
 * removes every tab, subflow and config node from it (not deployed until the next deploy).
 */
export async function freshEditor(page: Page): Promise<void> {
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.red-ui-palette-node', { state: 'attached' });
  await page.waitForFunction(() => typeof RED !== 'undefined' && typeof RED.workspaces?.active() === 'string');
  await installPageHelpers(page);
  await page.evaluate(() => RED.nodes.clear());
}

/** Menu → Import → Examples → flows → <package> → `name` → Import (onto a new tab). Returns the new nodes. */
export async function importExample(page: Page, name: string): Promise<FlowNode[]> {
  const before = new Set<string>(await page.evaluate(() => allNodes().map((n: FlowNode) => n.id)));
  await page.click('#red-ui-header-button-sidemenu');
  await page.click('#menu-item-import');
  const tab = page.locator('#red-ui-clipboard-dialog-import-tab-examples');
  await page.click('#red-ui-tab-red-ui-clipboard-dialog-import-tab-examples a');
  const entry = (text: string) => tab.locator('.red-ui-treeList-label-text').getByText(text, { exact: true });
  // The package's folder opens on a click once the tree has loaded (its children load on demand, and a
  // click while they do is lost), so: click while closed, until the example shows and is selected.
  const folder = tab.locator('.red-ui-editableList-item-content', { has: page.locator(':scope > .red-ui-treeList-label', { hasText: PKG.name }) });
  const selected = tab.locator('.red-ui-treeList-label.selected').getByText(name, { exact: true });
  await entry(PKG.name).waitFor();
  for (let attempt = 0; !(await selected.isVisible()); attempt += 1) {
    if (attempt === 10) throw new Error(`Import > Examples: could not select ${PKG.name} > ${name}`);
    if (!(await entry(name).isVisible()) && !(await folder.first().getAttribute('class'))?.includes('expanded')) await entry(PKG.name).click();
    if (await entry(name).waitFor({ timeout: 2000 }).then(() => true, () => false)) await entry(name).click();
    await selected.waitFor({ timeout: 1000 }).catch(() => undefined);
  }
  // Import fetches the selected file, then adds its nodes (asynchronously: waited for below).
  const ok = page.locator('#red-ui-clipboard-dialog-ok');
  await page.waitForFunction(() => !document.querySelector('#red-ui-clipboard-dialog-ok')?.classList.contains('ui-state-disabled'));
  const toNewTab = page.locator('#red-ui-clipboard-dialog-import-opt-new');
  if ((await toNewTab.isVisible()) && !(await toNewTab.getAttribute('class'))?.includes('disabled')) await toNewTab.click();
  await ok.click();
  await page.locator('#red-ui-clipboard-dialog-import-tabs').waitFor({ state: 'hidden' });
  await page.waitForFunction((known) => allNodes().some((n: FlowNode) => !known.includes(n.id)), [...before], { timeout: 10_000 }).catch(() => undefined);
  return page.evaluate((known) => allNodes().filter((n: FlowNode) => !known.includes(n.id)), [...before]);
}

/**
 * The patch context for a Node-RED at `url`: the twins, and Node-RED's address for managed webhooks
 * (`nodeRedUrl`).
 */
export function patchContext(twins: PatchContext['twins'], url: string): PatchContext {
  const ctx = { twins, nodeRedUrl: url };
  return ctx;
}

/**
 * Points the editor's config nodes at the twins and the test database, as `npm start` does; credentials
 * go in as if typed into the dialogs. Returns how many nodes were changed.
 */
export async function pointAtTwins(page: Page, nodes: FlowNode[], ctx: PatchContext): Promise<number> {
  const patches = nodes.flatMap((n) => {
    const patch = PATCHES[n.type]?.(ctx, n);
    return patch ? [{ id: n.id, props: patch.props ?? {}, credentials: patch.credentials ?? {} }] : [];
  });
  await page.evaluate((list) => {
    for (const p of list) {
      const node = RED.nodes.node(p.id);
      Object.assign(node, p.props);
      const creds = Object.fromEntries(Object.entries(p.credentials).filter(([, v]) => v !== undefined));
      node.credentials = { ...node.credentials, ...creds, ...Object.fromEntries(Object.keys(creds).map((k) => [`has_${k}`, true])) };
      node.changed = true;
      node.dirty = true;
    }
    RED.nodes.dirty(true);
  }, patches);
  return patches.length;
}

export interface DeployResult {
  /** The notification's text ("Successfully deployed", or the error). */
  notice: string;
  ok: boolean;
  /** Confirmation dialogs the deploy raised (invalid nodes, unused config, ...), confirmed to go on. */
  confirmations: string[];
}

/** Clicks Deploy, confirms any question it asks (reporting it) and waits for the outcome notification. */
export async function deploy(page: Page): Promise<DeployResult> {
  const confirmations: string[] = [];
  // Notifications already shown are marked, so only the deploy's own count.
  const fresh = '.red-ui-notification:not([data-seen])';
  await page.evaluate(() => document.querySelectorAll('.red-ui-notification').forEach((n) => n.setAttribute('data-seen', '')));
  await page.click('#red-ui-header-button-deploy');
  for (;;) {
    const notice = page.locator(fresh).first();
    await notice.waitFor({ state: 'visible', timeout: 30_000 });
    const confirm = notice.locator('button', { hasText: /^Confirm deploy$/ });
    const text = (await notice.innerText()).replace(/\s+/g, ' ').trim();
    if (!(await confirm.count())) {
      const ok = !(await notice.getAttribute('class'))?.includes('red-ui-notification-error') && /success/i.test(text);
      return { notice: text, ok, confirmations };
    }
    // "nodes not properly configured", "unused configuration nodes", ...: say so, then go on.
    confirmations.push(text.replace(/ Cancel .*$/, ''));
    await page.evaluate(() => document.querySelectorAll('.red-ui-notification').forEach((n) => n.setAttribute('data-seen', '')));
    await confirm.click();
  }
}

export interface NodeState {
  id: string;
  type: string;
  name?: string;
  status?: { fill?: string; shape?: string; text?: string };
}

/** The nodes' statuses once they stopped changing for `quietMs` (at most `timeoutMs`). */
export async function settledStatuses(page: Page, ids: string[], { quietMs = 1000, timeoutMs = 8000 } = {}): Promise<NodeState[]> {
  const read = () =>
    page.evaluate((list) => list.map((id) => RED.nodes.node(id)).filter(Boolean).map((n: any) => ({ id: n.id, type: n.type, name: n.name, status: n.status ? { ...n.status } : undefined })), ids);
  const deadline = Date.now() + timeoutMs;
  let last = JSON.stringify(await read());
  let since = Date.now();
  while (Date.now() < deadline && Date.now() - since < quietMs) {
    await page.waitForTimeout(200);
    const now = JSON.stringify(await read());
    if (now !== last) [last, since] = [now, Date.now()];
  }
  return JSON.parse(last);
}

/** The tabs holding the imported flow nodes, in import order. */
export function tabsOf(nodes: FlowNode[]): string[] {
  const tabs = nodes.filter((n) => n.type === 'tab').map((n) => n.id);
  const used = new Set(nodes.map((n) => n.z).filter((z): z is string => typeof z === 'string'));
  return [...new Set([...tabs.filter((t) => used.has(t)), ...used])];
}

/**
 * A picture of one tab's flow: palette and sidebar hidden, zoomed out until the flow fits, clipped to
 * the flow (plus a margin). Returns the clip's size.
 */
export async function flowShot(page: Page, tabId: string, file: string): Promise<{ width: number; height: number }> {
  const box = await page.evaluate(async (z) => {
    RED.menu.setSelected('menu-item-palette', false);
    RED.menu.setSelected('menu-item-sidebar', false);
    RED.workspaces.show(z);
    RED.view.select({ nodes: [] });
    const chart = document.getElementById('red-ui-workspace-chart')!;
    const items = [...RED.nodes.filterNodes({ z }), ...RED.nodes.groups(z)].map((n: any) =>
      n.type === 'group' ? { x1: n.x, y1: n.y, x2: n.x + n.w, y2: n.y + n.h } : { x1: n.x - (n.w ?? 100) / 2, y1: n.y - (n.h ?? 30) / 2, x2: n.x + (n.w ?? 100) / 2 + 40, y2: n.y + (n.h ?? 30) / 2 + 20 },
    );
    const b = items.reduce((a, i) => ({ x1: Math.min(a.x1, i.x1), y1: Math.min(a.y1, i.y1), x2: Math.max(a.x2, i.x2), y2: Math.max(a.y2, i.y2) }), { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity });
    const margin = 40; // inject buttons and status texts stick out of a node's box
    b.x1 -= margin;
    b.y1 -= margin / 2;
    b.x2 += margin / 2;
    b.y2 += margin / 2;
    for (let i = 0; i < 8 && ((b.x2 - b.x1) * RED.view.scale() > chart.clientWidth || (b.y2 - b.y1) * RED.view.scale() > chart.clientHeight); i += 1) {
      RED.actions.invoke('core:zoom-out');
    }
    await new Promise((r) => setTimeout(r, 300));
    const s = RED.view.scale();
    chart.scrollLeft = Math.max(0, b.x1 * s);
    chart.scrollTop = Math.max(0, b.y1 * s);
    // Deploy notices would cover the top right of the picture.
    document.querySelectorAll<HTMLElement>('.red-ui-notification').forEach((n) => (n.style.display = 'none'));
    await new Promise((r) => setTimeout(r, 300));
    const rect = chart.getBoundingClientRect();
    const left = Math.max(rect.left, rect.left + b.x1 * s - chart.scrollLeft);
    const top = Math.max(rect.top, rect.top + b.y1 * s - chart.scrollTop);
    const right = Math.min(rect.left + chart.clientWidth, rect.left + b.x2 * s - chart.scrollLeft);
    const bottom = Math.min(rect.top + chart.clientHeight, rect.top + b.y2 * s - chart.scrollTop);
    return { x: left, y: top, width: right - left, height: bottom - top };
  }, tabId);
  await page.screenshot({ path: file, clip: box });
  await page.evaluate(() => {
    RED.menu.setSelected('menu-item-palette', true);
    RED.menu.setSelected('menu-item-sidebar', true);
  });
  return { width: Math.round(box.width), height: Math.round(box.height) };
}

/** The package's example names as the Import > Examples menu lists them (file names without .json). */
export function exampleNames(files: string[]): string[] {
  return files.map((f) => f.replace(/^examples[\\/]/, '').replace(/\.json$/, ''));
}

/** Every node, config node, tab and subflow in the editor (a function in the page). */
declare function allNodes(): FlowNode[];

/** Installs `allNodes()` in the page (call once after the editor loaded). */
export async function installPageHelpers(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as any).allNodes = () => {
      const out: any[] = [];
      RED.nodes.eachWorkspace((n: any) => out.push({ id: n.id, type: n.type, label: n.label }));
      RED.nodes.eachNode((n: any) => out.push({ id: n.id, type: n.type, z: n.z, name: n.name, mode: n.mode, manageWebhooks: n.manageWebhooks }));
      RED.nodes.eachConfig((n: any) => out.push({ id: n.id, type: n.type, name: n.name }));
      return out;
    };
  });
}
