/** A Node-RED with the package loaded (offline, as `npm start` runs it) and a headless Chromium page on its editor. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { freePort, prepareUserDir, startNodeRed } from '../../scripts/lib/node-red.mjs';
import type { NodeRedProcess } from '../../scripts/lib/node-red.mjs';
import { requireBuilt } from './package-facts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface EditorPage {
  page: Page;
  /** Console errors and page errors seen so far. */
  problems: string[];
  /** Node-RED's base URL (editor and http in routes). */
  url: string;
  /** Node-RED's console output so far. */
  logs(): string;
  stop(): Promise<void>;
}

export async function openEditor(prefix: string): Promise<EditorPage> {
  assert.ok(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: install it or set CHROMIUM_PATH.`);
  requireBuilt();
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let red: NodeRedProcess | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    await red?.stop();
    fs.rmSync(userDir, { recursive: true, force: true });
  };
  try {
    prepareUserDir(userDir, { offline: true });
    red = await startNodeRed({ userDir, port: await freePort() });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${red.url}/`);
    await page.waitForFunction(() => typeof (globalThis as { RED?: { workspaces?: { active(): unknown } } }).RED?.workspaces?.active() === 'string');
    return { page, problems, url: red.url, logs: red.logs, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
