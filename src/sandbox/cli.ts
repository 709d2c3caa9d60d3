/**
 * `npx crm-sync-sandbox`: starts every twin and prints exactly one JSON line on stdout when they are
 * ready ({"telegram":{"url":...,"token":...},...}) so scripts can read it; everything else goes to
 * stderr. SIGTERM / SIGINT stop the twins and exit 0.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { startSandbox, TWINS } from './index';
import type { SandboxOptions, TwinName } from './index';

const NAMES = Object.keys(TWINS) as TwinName[];

function usage(): string {
  const ports = NAMES.map((n) => `  --${n}-port N       port for the ${n} twin (default 0: any free port)`).join('\n');
  return `Usage: crm-sync-sandbox [options]

Starts the offline API twins (${NAMES.join(', ')}) on loopback and prints one JSON line with
their URLs and demo credentials when ready. Stop with Ctrl-C or SIGTERM.

Options:
  --host HOST          address to listen on (default 127.0.0.1)
${ports}
  --skip NAME          do not start this twin (repeatable)
  --telegram-token T   bot token the Telegram twin accepts (default: random)
  --no-rate-limits     twins never answer 429
  -h, --help           show this help
`;
}

function argConfig(): ParseArgsConfig['options'] {
  const options: NonNullable<ParseArgsConfig['options']> = {
    host: { type: 'string' },
    skip: { type: 'string', multiple: true },
    'telegram-token': { type: 'string' },
    'no-rate-limits': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const n of NAMES) options[`${n}-port`] = { type: 'string' };
  return options;
}

/** Turns command-line arguments into startSandbox() options; throws with a readable message. */
export function parseCli(argv: string[]): { help: boolean; options: SandboxOptions } {
  const { values } = parseArgs({ args: argv, options: argConfig(), strict: true, allowPositionals: false });
  const v = values as Record<string, string | string[] | boolean | undefined>;
  const options: SandboxOptions = { host: (v.host as string | undefined) ?? '127.0.0.1' };
  const skip = (v.skip as string[] | undefined) ?? [];
  for (const s of skip) if (!NAMES.includes(s as TwinName)) throw new Error(`--skip: unknown twin "${s}" (known: ${NAMES.join(', ')})`);
  for (const n of NAMES) {
    if (skip.includes(n)) {
      options[n] = false;
      continue;
    }
    const raw = v[`${n}-port`] as string | undefined;
    const port = raw === undefined ? 0 : Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--${n}-port: "${raw}" is not a port number`);
    options[n] = { port };
  }
  if (options.telegram) {
    if (v['telegram-token']) options.telegram.token = v['telegram-token'] as string;
    if (v['no-rate-limits']) options.telegram.limits = false;
  }
  return { help: Boolean(v.help), options };
}

export async function main(argv: string[]): Promise<void> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (err) {
    process.stderr.write(`crm-sync-sandbox: ${(err as Error).message}\n\n${usage()}`);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) {
    process.stdout.write(usage());
    return;
  }
  const sandbox = await startSandbox(parsed.options);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`crm-sync-sandbox: ${signal}, stopping\n`);
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (const [name, info] of Object.entries(sandbox.toJSON())) process.stderr.write(`crm-sync-sandbox: ${name} twin at ${info?.url}\n`);
  process.stdout.write(`${JSON.stringify(sandbox)}\n`);
}
