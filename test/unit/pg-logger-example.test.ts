import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');

describe('examples/pg-logger.json', () => {
  const flow = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'pg-logger.json'), 'utf8')) as Array<Record<string, any>>;

  it('wires inject → pg logger on an embedded config, explained by a comment, with no secrets', () => {
    const byId = new Map(flow.map((n) => [n.id, n]));
    const logger = flow.find((n) => n.type === 'crm-pg-logger')!;
    const config = byId.get(logger.store)!;
    assert.equal(config.type, 'crm-pg-config');
    assert.equal(config.mode, 'embedded');
    assert.ok(flow.filter((n) => n.type === 'inject').every((n) => n.wires[0].includes(logger.id)));
    assert.ok(flow.some((n) => n.type === 'comment' && /crm_sync\.sync_log/.test(n.info)));
    assert.equal(logger.wires.length, 2);
    for (const n of flow) {
      assert.equal(n.credentials, undefined);
      for (const w of n.wires?.flat() ?? []) assert.ok(byId.has(w), `wire to ${w} exists`);
    }
    assert.ok(!JSON.stringify(config).match(/password|postgres:\/\//i));
  });
});
