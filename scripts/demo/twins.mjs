// Starts the API twins for the demo from the built sandbox (dist/sandbox/index.js), seeded so every example
// has data to work on: Salesforce Leads to migrate, Contacts and Accounts; monday's Leads board.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The demo's twin options (the same seed every start, so the demo data looks the same each time). */
export const DEMO_TWINS = {
  salesforce: { seed: { seed: 7, accounts: 20, contacts: 40, leads: 200, opportunities: 10 } },
  monday: { leads: 25, seed: 42 },
};

/** @returns {Promise<{ twins: Record<string, { url: string }>, stop(): Promise<void> }>} */
export async function startTwins(root, options = DEMO_TWINS) {
  const entry = path.join(root, 'dist', 'sandbox', 'index.js');
  if (!fs.existsSync(entry)) throw new Error(`${path.relative(root, entry)} is not built: run \`npm run build\` (npm start does).`);
  const mod = await import(pathToFileURL(entry).href);
  const startSandbox = mod.startSandbox ?? mod.default.startSandbox; // CommonJS: named export when detectable
  const sandbox = await startSandbox(options);
  return { twins: sandbox.toJSON(), stop: () => sandbox.stop() };
}
