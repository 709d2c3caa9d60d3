/**
 * The sandbox contract: every API twin starts on loopback and describes itself with a base URL
 * and the demo credentials a flow needs. `npx crm-sync-sandbox` prints one JSON line of these,
 * keyed by twin name (telegram, salesforce, monday).
 */
export interface TwinInfo {
  url: string;
  [credential: string]: unknown;
}

export interface TwinHandle<I extends TwinInfo = TwinInfo> {
  info: I;
  stop(): Promise<void>;
}

export interface TwinStartOptions {
  /** 0 (default) picks any free port. */
  port?: number;
  /** Loopback only by default; twins are test fixtures, not servers to expose. */
  host?: string;
}
