/**
 * node-red-node-test-helper's RED._ returns the key itself. For tests that check what users read
 * (status text, error messages), this wraps node modules with a RED._ backed by the built catalogs
 * in dist/ (shared strings under "common"), interpolating __params__ as Node-RED's i18next does
 * (prefix and suffix '__', no escaping).
 */
import fs from 'node:fs';
import path from 'node:path';
import { nodeModule, ROOT } from './red';

type Catalog = Record<string, unknown>;

function merge(a: Catalog, b: Catalog): Catalog {
  for (const [k, v] of Object.entries(b)) {
    a[k] = v && typeof v === 'object' && !Array.isArray(v) ? merge((a[k] as Catalog) ?? {}, v as Catalog) : v;
  }
  return a;
}

export function translator(folders: string[]): (key: string, params?: Record<string, unknown>) => string {
  const catalog = folders.reduce<Catalog>(
    (acc, f) => merge(acc, JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'nodes', f, 'locales', 'en-US', `${f}.json`), 'utf8')) as Catalog),
    {},
  );
  return (key, params = {}) => {
    const text = key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Catalog)[part] : undefined), catalog);
    if (typeof text !== 'string') return key;
    return text.replace(/__(\w+?)__/g, (all, name: string) => (name in params ? String(params[name]) : all));
  };
}

/** The built node modules, loaded with a RED._ that knows all their catalogs. */
export function translatedModules(folders: string[]): unknown[] {
  const _ = translator(folders);
  return folders.map((f) => {
    const mod = nodeModule(f) as (red: Record<string, unknown>) => unknown;
    return (red: Record<string, unknown>) => {
      red._ = _;
      return mod(red);
    };
  });
}
