// Types for examples.mjs, so the TypeScript tests check the demo's example merging.
export interface FlowNode {
  id: string;
  type: string;
  z?: string;
  d?: boolean;
  [key: string]: unknown;
}

export interface ClashNote {
  /** The example whose node was disabled. */
  example: string;
  node: string;
  /** The resource, e.g. "the webhook path /monday/leads". */
  what: string;
  /** The example that holds it. */
  heldBy: string;
}

export declare function exampleFiles(dir: string, nodeNames?: string[]): string[];
export declare function claimsOf(node: Record<string, unknown>): Array<{ key: string; what: string }>;
export declare function mergeExamples(examplesDir: string, nodeNames?: string[]): { flows: FlowNode[]; notes: ClashNote[] };
