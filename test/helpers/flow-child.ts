/**
 * Runs a flow with the harness in a process of its own, so a test can kill it with SIGKILL the way a
 * crash or a power cut would (no close handlers, nothing flushed). The twins and the database live in
 * the parent test, which passes them in: argv[2] is JSON `{flow, sandbox, databaseUrl, settings, inject}`.
 * Prints one JSON line `{userDir}` once the flow runs and `inject` (an inject node) was pressed; then
 * runs until killed.
 */
import type * as Testing from '../../src/testing';

const { startFlowTest } = require('@crm-sync/node-red-crm-sync/testing') as typeof Testing;

interface ChildOptions {
  flow: string;
  sandbox: NonNullable<Testing.FlowTestOptions['sandbox']>;
  databaseUrl: string;
  settings?: Record<string, unknown>;
  inject: string;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
  const t = await startFlowTest({ flow: options.flow, sandbox: options.sandbox, database: { url: options.databaseUrl }, settings: options.settings });
  await t.inject(options.inject);
  process.stdout.write(`${JSON.stringify({ userDir: t.userDir })}\n`);
  // Node-RED's server keeps the process alive until the parent kills it.
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
