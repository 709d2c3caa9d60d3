/**
 * The node-red-dev scorecard rules (node-red/node-red-dev-cli: src/libs/checkpackage.js,
 * checknodes.js, checkdeps.js; docs/P01..D03.md), checked offline. `node-red-dev validate` itself
 * stops here at its online look-ups (catalogue.nodered.org, registry metadata), so the rules that can
 * be decided from the package alone are mirrored, named after their rule id. Online-only rules:
 * P02 (disabled upstream), P08 and the catalogue half of N01, D03 (latest versions).
 * The "PKG-" checks are the flows library's packaging expectations that the scorecard takes for granted.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { NODES, PALETTE_NODES, PKG, ROOT, exampleFiles, requireBuilt } from '../helpers/package-facts';

// semver ships with Node-RED (and npm); it is what node-red-dev itself uses for P06/P07.
const semver = require('semver') as {
  satisfies(v: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
};

/** Team limit; the scorecard's own D01 threshold is 6 (a warning, the catalogue's 95th percentile). */
const MAX_DEPENDENCIES = 20;
/** engines.node of node-red@5 (latest since 2026), for P07 when .compat/ has not been installed. */
const NODE_RED_5_ENGINES = '>=22.9';
/** node-red-dev's badpackages.json: packages known to break Node-RED when in the dependency tree. */
const BAD_PACKAGES: Record<string, string> = { 'agent-base': '<6.0.0' };
const CONTAINER_TYPES = new Set(['tab', 'group', 'subflow', 'junction']);
const SECRET_KEY = /(token|password|passwd|secret|api[-_]?key|private[-_]?key|session[-_]?id|access[-_]?key)$/i;
const SECRET_VALUE = [
  /\b\d{6,12}:[A-Za-z0-9_-]{30,}\b/, // Telegram bot token
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, // JWT
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9_.]{20,}/, // Salesforce session id
  /postgres(ql)?:\/\/[^:/\s]+:[^@/\s]+@/, // connection string with a password
];

function readJson(rel: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
}

function versionOf(dir: string): { version: string; engines?: { node?: string } } | undefined {
  const file = path.join(dir, 'package.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

/** The Node-RED installs at hand: the dev dependency (4.x) and, once `npm run test:compat` ran, 5.x. */
const NODE_REDS = [path.join(ROOT, 'node_modules', 'node-red'), path.join(ROOT, '.compat', 'node_modules', 'node-red')]
  .map(versionOf)
  .filter((p): p is { version: string; engines?: { node?: string } } => p !== undefined);

function coreNodeTypes(): Set<string> {
  const core = path.join(ROOT, 'node_modules', '@node-red', 'nodes', 'core');
  const types = new Set<string>(CONTAINER_TYPES);
  for (const f of fs.readdirSync(core, { recursive: true }) as string[]) {
    if (!f.endsWith('.html')) continue;
    for (const m of fs.readFileSync(path.join(core, f), 'utf8').matchAll(/registerType\(\s*['"]([^'"]+)['"]/g)) types.add(m[1]);
  }
  return types;
}

/** Paths of every string value in a node that looks like a secret (by key or by shape). */
function secretsIn(value: unknown, at: string): string[] {
  if (typeof value === 'string') return value && SECRET_VALUE.some((re) => re.test(value)) ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => secretsIn(v, `${at}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const here = `${at}.${k}`;
    if (k === 'credentials') return [here];
    if (SECRET_KEY.test(k) && typeof v === 'string' && v !== '') return [here];
    return secretsIn(v, here);
  });
}

describe('package.json: node-red-dev scorecard (offline rules)', () => {
  it('P01 declares a license, and ships the LICENSE file it lists', () => {
    assert.ok(PKG.license, 'package.json has no "license"');
    if (PKG.files?.includes('LICENSE')) assert.ok(fs.existsSync(path.join(ROOT, 'LICENSE')), '"files" lists LICENSE but there is none');
  });

  it('P03 gives a repository or a bugs URL', () => {
    assert.ok(PKG.repository || PKG.bugs, 'package.json needs "repository" or "bugs"');
  });

  it('P04 uses a scoped name', () => {
    assert.match(PKG.name, /^@[a-z\d][\w.-]+\/[a-z\d][\w.-]*$/);
  });

  it('P05 has the node-red keyword', () => {
    assert.ok(PKG.keywords?.includes('node-red'), 'keywords must contain "node-red" (the flows library indexes by it)');
  });

  it('P06 declares node-red.version, satisfied by every Node-RED we test on', () => {
    const range = PKG['node-red'].version;
    assert.ok(range, 'package.json node-red.version is missing');
    assert.ok(NODE_REDS.length > 0, 'no Node-RED installed to check against');
    for (const red of NODE_REDS) assert.ok(semver.satisfies(red.version.split('-')[0], range), `Node-RED ${red.version} is outside node-red.version ${range}`);
  });

  it('P07 declares engines.node, allowing the oldest Node that the latest Node-RED supports', () => {
    const range = PKG.engines?.node;
    assert.ok(range, 'package.json engines.node is missing');
    // Upstream reads engines.node of node-red@latest from the registry; offline, the newest install at
    // hand stands in (5.x once `npm run test:compat` ran, else the recorded 5.x requirement).
    const newest = [...NODE_REDS].sort((a, b) => (semver.satisfies(a.version.split('-')[0], `>${b.version.split('-')[0]}`) ? -1 : 1))[0];
    const latestEngines = newest && Number(newest.version.split('.')[0]) >= 5 ? newest.engines?.node : NODE_RED_5_ENGINES;
    const min = semver.minVersion(latestEngines ?? NODE_RED_5_ENGINES)!.version;
    assert.ok(semver.satisfies(min, range), `the latest Node-RED runs on Node ${min}, which engines.node ${range} excludes`);
  });
});

describe('nodes: node-red-dev scorecard (offline rules) and packaging', () => {
  before(requireBuilt);

  it('N01 node types are unique, crm- prefixed, and registered by their own editor file', () => {
    assert.equal(new Set(NODES.map((n) => n.type)).size, NODES.length);
    for (const n of NODES) {
      assert.match(n.type, /^crm-[a-z][a-z0-9-]*$/, `${n.type}: types carry the crm- prefix to avoid clashes in the catalogue`);
      const html = path.join(ROOT, n.file.replace(/\.js$/, '.html'));
      assert.ok(fs.existsSync(html), `${n.type}: ${path.relative(ROOT, html)} is missing`);
      assert.match(fs.readFileSync(html, 'utf8'), new RegExp(`registerType\\(\\s*['"]${n.type}['"]`), `${n.type}: its .html does not register the type`);
    }
  });

  it('N02 every palette node is used in some example flow', () => {
    const files = exampleFiles();
    assert.ok(files.length > 0, 'no example flows under examples/');
    const used = new Set(files.flatMap((f) => (readJson(f) as Array<{ type: string }>).map((n) => n.type)));
    const missing = PALETTE_NODES.filter((n) => !used.has(n.type)).map((n) => n.type);
    assert.deepEqual(missing, [], `no example uses: ${missing.join(', ')}`);
  });

  it('PKG-files every listed node ships .js, .html, message catalog and help in dist', () => {
    for (const n of NODES) {
      const dir = path.join(ROOT, path.dirname(n.file));
      const expected = [n.file, n.file.replace(/\.js$/, '.html'), path.relative(ROOT, path.join(dir, 'locales', 'en-US', `${n.name}.json`))];
      for (const rel of expected) assert.ok(fs.existsSync(path.join(ROOT, rel)), `${n.type}: ${rel} is missing`);
      const catalog = readJson(expected[2]) as Record<string, unknown>;
      assert.ok(catalog[n.name], `${n.type}: its catalog has no top-level "${n.name}" key`);
      const help = path.join(dir, 'locales', 'en-US', `${n.name}.html`);
      assert.ok(fs.existsSync(help), `${n.type}: help ${path.relative(ROOT, help)} is missing`);
      assert.match(fs.readFileSync(help, 'utf8'), new RegExp(`data-help-name=["']${n.type}["']`), `${n.type}: help is not for this type`);
    }
  });

  it('PKG-files "files" ships dist and examples', () => {
    for (const entry of ['dist', 'examples']) assert.ok(PKG.files?.includes(entry), `"files" must include ${entry}`);
  });

  it('PKG-icons are SVG with package-unique names, and every icon a node names exists', () => {
    const icons = NODES.flatMap((n) => {
      const dir = path.join(ROOT, path.dirname(n.file), 'icons');
      return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => ({ n, f })) : [];
    });
    for (const { n, f } of icons) assert.match(f, /^crm-[\w-]+\.svg$/, `${n.type}: icon ${f} must be a crm- prefixed .svg`);
    const names = icons.map((i) => i.f);
    assert.equal(new Set(names).size, names.length, `icon names clash: ${names.join(', ')}`);
    for (const n of PALETTE_NODES) {
      const file = path.join(ROOT, n.file.replace(/\.js$/, '.html'));
      assert.ok(fs.existsSync(file), `${n.type}: ${path.relative(ROOT, file)} is missing`);
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/icon:\s*['"]([^'"]+)['"]/g)) {
        if (m[1].includes('/')) continue; // a core icon such as font-awesome/fa-x or node-red/x.svg
        assert.ok(names.includes(m[1]), `${n.type}: icon ${m[1]} is not shipped`);
      }
    }
  });

  it('PKG-examples are valid flow JSON with only core and our node types and no secrets', () => {
    const known = coreNodeTypes();
    for (const n of NODES) known.add(n.type);
    for (const file of exampleFiles()) {
      const flow = readJson(file) as Array<Record<string, unknown>>;
      assert.ok(Array.isArray(flow), `${file}: not a JSON array of nodes`);
      const ids = new Set<unknown>();
      for (const node of flow) {
        assert.ok(typeof node.id === 'string' && typeof node.type === 'string', `${file}: a node without id/type`);
        assert.ok(!ids.has(node.id), `${file}: duplicate id ${node.id}`);
        ids.add(node.id);
        const type = node.type as string;
        assert.ok(known.has(type) || type.startsWith('subflow:'), `${file}: node type ${type} is neither core nor ours`);
        const wires = (node.wires ?? []) as string[][];
        for (const target of wires.flat()) assert.ok(flow.some((o) => o.id === target), `${file}: ${node.id} is wired to missing node ${target}`);
      }
      const secrets = flow.flatMap((node) => secretsIn(node, `${file}#${node.id}`));
      assert.deepEqual(secrets, [], `secrets belong in credentials, never in example flows: ${secrets.join(', ')}`);
    }
  });
});

describe('dependencies: node-red-dev scorecard (offline rules)', () => {
  it(`D01 has at most ${MAX_DEPENDENCIES} direct dependencies`, () => {
    const count = Object.keys(PKG.dependencies ?? {}).length;
    assert.ok(count <= MAX_DEPENDENCIES, `${count} dependencies; keep each one earning its place`);
  });

  it('D02 has no known-bad package in the installed production tree', () => {
    const lock = readJson('package-lock.json') as { packages: Record<string, { version?: string; dev?: boolean }> };
    const bad = Object.entries(lock.packages)
      .filter(([p, info]) => p && !info.dev && info.version)
      .map(([p, info]) => ({ name: p.slice(p.lastIndexOf('node_modules/') + 'node_modules/'.length), version: info.version! }))
      .filter(({ name, version }) => BAD_PACKAGES[name] && semver.satisfies(version, BAD_PACKAGES[name]));
    assert.deepEqual(bad, []);
  });
});
