/**
 * startSandbox(): every API twin on loopback at once, for tests, the demo and users' own flows.
 * A twin is one line in TWINS: its name (the key in the printed JSON and in the options) and its
 * starter. Per-twin options go under the twin's name (options.telegram = {...}); `false` skips a twin.
 */
import { startMondayTwin } from './monday';
import { startSalesforceTwin } from './salesforce';
import { startTelegramTwin } from './telegram';
import type { TwinHandle, TwinStartOptions } from './types';

export { startMondayTwin } from './monday';
export type { MondayTwinHandle, MondayTwinInfo, MondayTwinOptions } from './monday';

export const TWINS = {
  telegram: startTelegramTwin,
  salesforce: startSalesforceTwin,
  monday: startMondayTwin,
} as const;

export type TwinName = keyof typeof TWINS;
type Starter<K extends TwinName> = (typeof TWINS)[K];
type HandleOf<K extends TwinName> = Awaited<ReturnType<Starter<K>>>;

export type SandboxOptions = {
  /** Default host for every twin; loopback unless said otherwise. */
  host?: string;
} & { [K in TwinName]?: (NonNullable<Parameters<Starter<K>>[0]> & TwinStartOptions) | false };

export type SandboxInfo = { [K in TwinName]?: HandleOf<K>['info'] };

export type Sandbox = SandboxInfo & {
  /** The running twins, with their read-back and fault-injection accessors. */
  handles: { [K in TwinName]?: HandleOf<K> };
  /** Only the twins' descriptions ({url, token, ...} by name): what the CLI prints. */
  toJSON(): SandboxInfo;
  stop(): Promise<void>;
};

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const handles: Record<string, TwinHandle> = {};
  const stopAll = async (): Promise<void> => {
    await Promise.allSettled(Object.values(handles).map((h) => h.stop()));
  };
  try {
    for (const name of Object.keys(TWINS) as TwinName[]) {
      const own = options[name];
      if (own === false) continue;
      const start = TWINS[name] as (o: TwinStartOptions) => Promise<TwinHandle>;
      handles[name] = await start({ host: options.host, ...own });
    }
  } catch (err) {
    await stopAll();
    throw err;
  }
  const info = Object.fromEntries(Object.entries(handles).map(([name, h]) => [name, h.info])) as SandboxInfo;
  return {
    ...info,
    handles: handles as Sandbox['handles'],
    toJSON: () => info,
    stop: stopAll,
  };
}

export { startTelegramTwin, startSalesforceTwin };
export type { SalesforceTwinHandle, SalesforceTwinInfo, SalesforceTwinOptions } from './salesforce';
export type { TwinInfo } from './types';
export type { TelegramTwinHandle, TelegramTwinInfo, TelegramTwinOptions, TwinMessage, TwinCall, TwinFault, TwinLimits } from './telegram';
