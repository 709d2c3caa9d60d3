import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import { helper, nodeModule } from '../helpers/red';

describe('crm-telegram-config', () => {
  afterEach(async () => {
    await helper.unload();
  });
  after(async () => {
    await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
  });

  it('keeps the token in credentials and trims the base URL', async () => {
    const flow = [{ id: 'c1', type: 'crm-telegram-config', name: 'bot', baseUrl: 'http://127.0.0.1:9/' }];
    await helper.load(nodeModule('telegram-config') as never, flow, { c1: { token: '123:abc' } });
    const node = helper.getNode('c1') as unknown as { baseUrl: string; token(): string };
    assert.equal(node.baseUrl, 'http://127.0.0.1:9');
    assert.equal(node.token(), '123:abc');
  });
});
