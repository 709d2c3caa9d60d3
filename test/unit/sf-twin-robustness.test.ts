import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VERSION, raw, twinSuite } from '../helpers/sf-twin';

/** Hostile or broken input gets a Salesforce-shaped error, and the twin keeps serving afterwards. */
describe('salesforce twin: bad input', () => {
  const env = twinSuite();

  const errorCode = async (res: Response) => ((await res.json()) as Array<{ errorCode: string }>)[0].errorCode;

  it('answers broken REST input with JSON errors, never a crash', async () => {
    const { twin, conn } = env;
    assert.equal(await errorCode(await raw(twin, conn, '/sobjects/Lead/%E0%A4%A')), 'NOT_FOUND');
    assert.equal(await errorCode(await raw(twin, conn, '/sobjects/Lead', { method: 'POST', body: '[1,2]' })), 'JSON_PARSER_ERROR');
    assert.equal(await errorCode(await raw(twin, conn, '/sobjects/Lead', { method: 'POST', body: JSON.stringify({ LastName: { nested: true }, Company: 'C' }) })), 'JSON_PARSER_ERROR');
    assert.equal(await errorCode(await raw(twin, conn, '/composite/sobjects', { method: 'POST', body: JSON.stringify({ records: 'nope' }) })), 'JSON_PARSER_ERROR');
    const composite = await raw(twin, conn, '/composite', { method: 'POST', body: JSON.stringify({ compositeRequest: [{ method: 'GET', url: '/elsewhere', referenceId: 'x' }] }) });
    assert.equal(((await composite.json()) as any).compositeResponse[0].body[0].errorCode, 'INVALID_INPUT');
    assert.equal(await errorCode(await raw(twin, conn, '/query')), 'MALFORMED_QUERY');
    assert.equal(await errorCode(await raw(twin, conn, `/query/not-a-locator`)), 'INVALID_QUERY_LOCATOR');
    assert.equal(await errorCode(await raw(twin, conn, '/nothing/here')), 'NOT_FOUND');
    assert.equal(await errorCode(await raw(twin, conn, '/jobs/ingest', { method: 'POST', body: JSON.stringify({ object: 'Lead', operation: 'merge' }) })), 'INVALIDJOB');
    const unauth = await fetch(`${twin.info.url}/services/data/v${VERSION}/limits`, { headers: { Authorization: 'Bearer forged' } });
    assert.equal(unauth.status, 401);
    assert.equal((await conn.query('SELECT Id FROM User')).totalSize, 1, 'still serving');
  });

  it('answers broken auth input with the auth endpoints own error shapes', async () => {
    const { url } = env.twin.info;
    const soap = await fetch(`${url}/services/Soap/u/${VERSION}`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: '<not-xml' });
    assert.equal(soap.status, 500);
    assert.match(await soap.text(), /<faultstring>/);
    const token = await fetch(`${url}/services/oauth2/token`, { method: 'POST' });
    assert.equal(token.status, 400);
    assert.deepEqual(await token.json(), { error: 'unsupported_grant_type', error_description: 'grant type not supported' });
    const jwt = await fetch(`${url}/services/oauth2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'a.b.c' }) });
    assert.equal(((await jwt.json()) as any).error, 'invalid_grant');
    const cometd = await fetch(`${url}/cometd/${VERSION}`, { method: 'POST', body: '{{' });
    assert.equal(cometd.status, 400);
  });
});
