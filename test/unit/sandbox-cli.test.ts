import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseCli } from '../../src/sandbox/cli';
import { TWINS } from '../../src/sandbox/index';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'crm-sync-sandbox.js');

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')));
    });
    child.on('exit', () => reject(new Error(`exited before printing: ${stderr}`)));
  });
  firstLine.catch(() => undefined); // --help and bad arguments never print a JSON line
  return { child, firstLine, exited, output: () => ({ stdout, stderr }) };
}

describe('crm-sync-sandbox CLI (built bin)', () => {
  it('prints one JSON line, serves the Bot API, and exits 0 on SIGTERM', async () => {
    const p = run(['--telegram-token', '5:cli-token', '--host', '127.0.0.1']);
    const info = JSON.parse(await p.firstLine);
    assert.deepEqual(Object.keys(info).sort(), Object.keys(TWINS).sort(), 'one key per twin');
    assert.equal(info.telegram.token, '5:cli-token');
    const me = (await (await fetch(`${info.telegram.url}/bot${info.telegram.token}/getMe`)).json()) as any;
    assert.equal(me.ok, true);
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0);
    const { stdout, stderr } = p.output();
    assert.equal(stdout.trim().split('\n').length, 1, 'stdout holds exactly one line');
    assert.match(stderr, /telegram twin at http/);
  });

  it('also stops on SIGINT with exit 0, and honours --telegram-port', async () => {
    const probe = run([]);
    const port = new URL(JSON.parse(await probe.firstLine).telegram.url).port;
    probe.child.kill('SIGINT');
    assert.equal(await probe.exited, 0);
    const p = run(['--telegram-port', port]);
    assert.equal(new URL(JSON.parse(await p.firstLine).telegram.url).port, port);
    p.child.kill('SIGINT');
    assert.equal(await p.exited, 0);
  });

  it('prints help, and rejects bad arguments with exit code 2', async () => {
    const help = run(['--help']);
    assert.equal(await help.exited, 0);
    assert.match(help.output().stdout, /Usage: crm-sync-sandbox/);
    const bad = run(['--telegram-port', 'abc']);
    assert.equal(await bad.exited, 2);
    assert.match(bad.output().stderr, /--telegram-port: "abc" is not a port number/);
    assert.equal(bad.output().stdout, '');
  });

  it('parses options per twin', () => {
    assert.equal(parseCli(['--skip', 'telegram']).options.telegram, false);
    assert.deepEqual(parseCli(['--no-rate-limits', '--telegram-port', '0']).options.telegram, { port: 0, limits: false });
    assert.throws(() => parseCli(['--skip', 'nothing']), /unknown twin/);
    assert.throws(() => parseCli(['--bogus']), /Unknown option/);
  });
});
