// Types for twins.mjs: the demo's twin options, reused by the browser test of the examples.
export declare const DEMO_TWINS: Record<string, Record<string, unknown>>;
export declare function startTwins(root: string, options?: Record<string, unknown>): Promise<{ twins: Record<string, { url: string }>; stop(): Promise<void> }>;
