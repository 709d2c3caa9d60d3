import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { startMondayTwin, type MondayTwinHandle } from '../../src/sandbox/monday';
import { translatedModules } from '../helpers/catalog';
import { helper, ROOT } from '../helpers/red';

const modules = () => translatedModules(['monday-config']);

describe('crm-monday-config', () => {
  let twin: MondayTwinHandle;
  before(async () => {
    twin = await startMondayTwin({ leads: 1 });
  });
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await twin.stop();
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
  });

  it('keeps token and signing secret in credentials and shares one client', async () => {
    await helper.load(modules() as never, [{ id: 'c1', type: 'crm-monday-config', endpoint: `${twin.info.url}/`, apiVersion: '2026-07', budget: '500000' }], {
      c1: { token: twin.info.token, signingSecret: 'sig' },
    });
    const node = helper.getNode('c1') as unknown as { endpoint: string; apiVersion: string; budget: number; token(): string; signingSecret(): string; client(): unknown };
    assert.equal(node.endpoint, twin.info.url);
    assert.equal(node.apiVersion, '2026-07');
    assert.equal(node.budget, 500_000);
    assert.equal(node.signingSecret(), 'sig');
    assert.equal(node.client(), node.client());
  });

  it('Test connection reports account and budget for undeployed settings, never echoing the token', async () => {
    await helper.load(modules() as never, [], {});
    const res = await helper.request().post('/crm-monday-config/test').send({ endpoint: twin.info.url, apiVersion: '2026-10', token: twin.info.token });
    assert.equal(res.status, 200);
    assert.equal(res.body.account, 'Twin account');
    assert.equal(typeof res.body.budgetLeft, 'number');
    assert.ok(!JSON.stringify(res.body).includes(twin.info.token));
    const bad = await helper.request().post('/crm-monday-config/test').send({ endpoint: twin.info.url, token: 'wrong-secret-token' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'MONDAY_UNAUTHORIZED');
    assert.ok(!JSON.stringify(bad.body).includes('wrong-secret-token'));
  });

  it('uses the deployed token when the editor sends the unchanged placeholder', async () => {
    await helper.load(modules() as never, [{ id: 'c1', type: 'crm-monday-config', endpoint: twin.info.url }], { c1: { token: twin.info.token } });
    const res = await helper.request().post('/crm-monday-config/test').send({ id: 'c1', token: '__PWRD__' });
    assert.equal(res.status, 200);
    assert.equal(res.body.account, 'Twin account');
  });

  it('the demo patch sets the fields the config node really has', async () => {
    const { PATCHES } = (await import(path.join(ROOT, 'scripts/demo/patches.mjs'))) as { PATCHES: Record<string, (ctx: unknown) => { props: Record<string, unknown>; credentials: Record<string, unknown> }> };
    const patch = PATCHES['crm-monday-config']({ twins: { monday: twin.info } });
    const editor = fs.readFileSync(path.join(ROOT, 'src/nodes/monday-config/monday-config.editor.ts'), 'utf8');
    for (const prop of Object.keys(patch.props)) assert.match(editor, new RegExp(`\\n\\s+${prop}: \\{ value:`), `editor default ${prop}`);
    for (const cred of Object.keys(patch.credentials)) assert.match(editor, new RegExp(`\\n\\s+${cred}: \\{ type: 'password' \\}`), `credential ${cred}`);
    assert.deepEqual(patch, { props: { endpoint: twin.info.url }, credentials: { token: twin.info.token, signingSecret: twin.info.signingSecret } });
  });
});
