import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { resolve } from '../../src/core/conflict';
import type { Resolution } from '../../src/core/conflict';
import { settingsFrom } from '../../src/nodes/conflict-resolver/settings';

const flow = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'examples', 'conflict-resolver.json'), 'utf8')) as any[];

describe('conflict resolver example flow', () => {
  const resolver = flow.find((n) => n.type === 'crm-conflict-resolver');
  const settings = settingsFrom(resolver);

  it('wires a comment, injects, the resolver and one debug per output', () => {
    assert.ok(flow.some((n) => n.type === 'comment' && n.info.length > 100));
    assert.equal(resolver.wires.length, 3);
    for (const wire of resolver.wires) assert.equal(flow.find((n) => n.id === wire[0])?.type, 'debug');
    const injects = flow.filter((n) => n.type === 'inject');
    assert.equal(injects.length, 3);
    for (const inject of injects) assert.deepEqual(inject.wires, [[resolver.id]]);
  });

  it('produces what the comment promises: Salesforce wins Phone, Stage taken from monday, Amount equal', async () => {
    const inject = flow.find((n) => n.name === 'two-sided change + snapshot');
    const snapshot = JSON.parse(inject.props.find((p: any) => p.p === 'snapshot').v);
    const r = (await resolve({ payload: JSON.parse(inject.payload), snapshot }, settings.options)) as Resolution;
    assert.deepEqual(r.conflicts.map((c) => [c.field, c.winner]), [['Phone', 'salesforce']]);
    assert.equal(r.record.Stage, 'Won');
    assert.deepEqual(r.patches, { monday: { Phone: '+1 555 0100' }, salesforce: { Stage: 'Won' } });
  });

  it('the third inject is an echo of what the second one wrote to monday', async () => {
    const keyed = flow.find((n) => n.name === 'keyed by crm.key');
    const first = (await resolve({ payload: JSON.parse(keyed.payload), entity: 'k' }, settings.options)) as Resolution;
    const echo = flow.find((n) => n.name === 'monday echo');
    const second = await resolve({ payload: JSON.parse(echo.payload), snapshot: first.snapshot }, settings.options);
    assert.deepEqual(second, { kind: 'echo', echoes: ['monday'] });
  });
});
