/**
 * Node-RED's i18next fills `__name__` placeholders; `{{name}}` would reach users literally (a bug
 * node-red-node-test-helper cannot show, as its RED._ returns keys). Mustache in a catalog is only
 * legitimate as an example inside <code>, e.g. the telegram alert's template tip.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
const NODES = path.join(ROOT, 'src', 'nodes');

function catalogs(): string[] {
  return fs.readdirSync(NODES).flatMap((dir) => {
    const en = path.join(NODES, dir, 'locales', 'en-US');
    return fs.existsSync(en) ? fs.readdirSync(en).filter((f) => f.endsWith('.json')).map((f) => path.join(en, f)) : [];
  });
}

function strings(value: unknown, at: string, out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') out.push([at, value]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, at ? `${at}.${k}` : k, out);
  return out;
}

describe('message catalogs', () => {
  it('use Node-RED placeholders (__name__), never mustache outside <code> examples', () => {
    const files = catalogs();
    assert.ok(files.length >= 10, 'every node folder has a catalog');
    const bad: string[] = [];
    for (const file of files) {
      for (const [key, text] of strings(JSON.parse(fs.readFileSync(file, 'utf8')), '')) {
        const outsideCode = text.replace(/<code>.*?<\/code>/g, '');
        if (/\{\{\s*[\w.]+\s*\}\}/.test(outsideCode)) bad.push(`${path.relative(ROOT, file)}: ${key}`);
      }
    }
    assert.deepEqual(bad, []);
  });
});
