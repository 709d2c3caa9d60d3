// Builds the package into dist/: tsc for the runtime (CommonJS, one file per source file), esbuild for
// each node's editor script, which is inlined into the node's HTML next to its .js as Node-RED expects.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcNodes = path.join(root, 'src', 'nodes');
const distNodes = path.join(root, 'dist', 'nodes');
const sharedLocales = path.join(srcNodes, 'shared', 'locales');

fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.json')], {
  stdio: 'inherit',
});

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Each node's catalog gets the shared strings under "common", so one source serves every node.
 * Every JSON file in src/nodes/shared/locales/<lang>/ is deep-merged into "common" (one file per area,
 * e.g. common.json, postgres.json, telegram.json), so areas never edit the same file.
 */
function mergeDeep(target, source) {
  for (const [k, v] of Object.entries(source)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) target[k] = mergeDeep(target[k] ?? {}, v);
    else target[k] = v;
  }
  return target;
}

function commonCatalog(lang) {
  const dir = path.join(sharedLocales, lang);
  if (!fs.existsSync(dir)) return undefined;
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .reduce((acc, f) => mergeDeep(acc, readJson(path.join(dir, f))), {});
}

function buildLocales(name, srcDir, outDir) {
  const localesDir = path.join(srcDir, 'locales');
  if (!fs.existsSync(localesDir)) throw new Error(`node ${name} has no locales folder`);
  for (const lang of fs.readdirSync(localesDir)) {
    const out = path.join(outDir, 'locales', lang);
    fs.mkdirSync(out, { recursive: true });
    const catalog = readJson(path.join(localesDir, lang, `${name}.json`));
    const common = commonCatalog(lang);
    if (common) catalog.common = common;
    fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify(catalog, null, 2));
    const help = path.join(localesDir, lang, `${name}.html`);
    if (fs.existsSync(help)) fs.copyFileSync(help, path.join(out, `${name}.html`));
  }
}

async function buildEditor(name, srcDir, outDir) {
  const template = fs.readFileSync(path.join(srcDir, `${name}.html`), 'utf8');
  const entry = path.join(srcDir, `${name}.editor.ts`);
  let script = '';
  if (fs.existsSync(entry)) {
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      format: 'iife',
      target: 'es2020',
      write: false,
      minify: false,
      legalComments: 'none',
    });
    script = `<script type="text/javascript">\n${result.outputFiles[0].text}</script>\n`;
  }
  fs.writeFileSync(path.join(outDir, `${name}.html`), `${script}${template}`);
}

function copyIcons(srcDir, outDir) {
  const icons = path.join(srcDir, 'icons');
  if (!fs.existsSync(icons)) return;
  fs.cpSync(icons, path.join(outDir, 'icons'), { recursive: true });
}

for (const name of fs.readdirSync(srcNodes)) {
  const srcDir = path.join(srcNodes, name);
  if (name === 'shared' || !fs.statSync(srcDir).isDirectory()) continue;
  const outDir = path.join(distNodes, name);
  fs.mkdirSync(outDir, { recursive: true });
  buildLocales(name, srcDir, outDir);
  await buildEditor(name, srcDir, outDir);
  copyIcons(srcDir, outDir);
}

// Non-TypeScript assets that live beside the runtime code (SQL migrations, JSON schemas, seed data).
for (const dir of ['core', 'connectors', 'sandbox']) {
  const base = path.join(root, 'src', dir);
  if (!fs.existsSync(base)) continue;
  fs.cpSync(base, path.join(root, 'dist', dir), {
    recursive: true,
    filter: (src) => fs.statSync(src).isDirectory() || /\.(sql|json|csv|graphql|pem)$/.test(src),
  });
}
console.log('build: ok');
