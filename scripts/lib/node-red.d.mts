// Types for node-red.mjs, so the TypeScript tests share the launcher with `npm start`.
export declare const ROOT: string;
export declare const PACKAGE: {
  name: string;
  version: string;
  files?: string[];
  'node-red': { version?: string; nodes: Record<string, string> };
  [key: string]: unknown;
};

export declare function nodeRedDir(): string;
export declare function freePort(): Promise<number>;
export declare function prepareUserDir(userDir: string, options?: { link?: boolean; offline?: boolean; persistContext?: boolean }): void;

export interface NodeRedProcess {
  url: string;
  pid: number | undefined;
  logs(): string;
  stop(): Promise<void>;
  exited: Promise<unknown>;
}

export declare function startNodeRed(options: {
  userDir: string;
  port: number;
  nodeBin?: string;
  redPath?: string;
  echo?: boolean;
  timeoutMs?: number;
  env?: Record<string, string>;
  safe?: boolean;
}): Promise<NodeRedProcess>;

export declare function adminApi<T = unknown>(
  url: string,
  route: string,
  options?: { method?: string; body?: unknown; headers?: Record<string, string> },
): Promise<T>;

export declare function deployFlows(url: string, flows: unknown[]): Promise<unknown>;
