/** How salesforce in/out reach their configuration: the shared client and the secrets to scrub. */
import { requireConfig } from '../shared/runtime';
import type { RED } from '../shared/runtime';
import { TYPE } from './types';
import type { SalesforceConfigNode } from './types';

export function salesforceConfig(RED: RED, id: string | undefined): SalesforceConfigNode {
  return requireConfig<SalesforceConfigNode>(RED, id, TYPE);
}

/** The configuration's secrets, for scrubbing error and status text (none when it is missing). */
export function secretsOf(RED: RED, id: string | undefined): () => string[] {
  return () => (id ? ((RED.nodes.getNode(id) as unknown as SalesforceConfigNode | null)?.secrets() ?? []) : []);
}
