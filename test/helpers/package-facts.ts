/**
 * What package.json says about the package's nodes, read generically so the package-level tests
 * (scorecard rules, browser, install from tarball) cover whatever nodes are listed.
 */
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license?: string;
  repository?: unknown;
  bugs?: unknown;
  keywords?: string[];
  engines?: { node?: string };
  files?: string[];
  dependencies?: Record<string, string>;
  'node-red': { version?: string; nodes: Record<string, string> };
};

export interface NodeEntry {
  /** The node type, e.g. crm-pg-logger. */
  type: string;
  /** The .js file Node-RED loads, relative to the package root. */
  file: string;
  /** Folder and base name, e.g. pg-logger. */
  name: string;
  /** Config nodes (type ends in -config) live in the config sidebar, not the palette. */
  isConfig: boolean;
}

export const NODES: NodeEntry[] = Object.entries(PKG['node-red'].nodes).map(([type, file]) => ({
  type,
  file,
  name: path.basename(file, '.js'),
  isConfig: type.endsWith('-config'),
}));

export const PALETTE_NODES = NODES.filter((n) => !n.isConfig);

/** The palette category every node of ours uses (src/nodes/shared/editor/editor.ts). */
export const CATEGORY = 'CRM sync';

/** Fails with the fix when the package has not been built. */
export function requireBuilt(): void {
  if (!fs.existsSync(path.join(ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
}

/** Every *.json under examples/, relative to the package root. */
export function exampleFiles(): string[] {
  const dir = path.join(ROOT, 'examples');
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join('examples', f))
    .sort();
}
