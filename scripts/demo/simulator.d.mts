// Types for simulator.mjs, so the TypeScript tests can drive the demo's simulated users.
export declare function startSimulator(options: {
  /** The sandbox's twin descriptions (startSandbox().toJSON()). */
  twins: Record<string, Record<string, unknown> | undefined>;
  intervalMs?: number;
  log?: (line: string) => void;
  random?: () => number;
}): Promise<{ stop(): Promise<void> }>;
