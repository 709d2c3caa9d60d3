import type { Node, NodeDef } from 'node-red';

export interface MondayInDef extends NodeDef {
  version?: number;
  account: string;
  mode: 'read' | 'webhook';
  boardId?: string;
  groupId?: string;
  pageSize?: number | string;
  path?: string;
  publicUrl?: string;
  /** Create the board's webhooks on deploy and delete them when the node is deleted. */
  manageWebhooks?: boolean;
  /** The address monday can reach Node-RED's HTTP endpoints at; the route path is appended. */
  baseUrl?: string;
  /** WebhookEventType values to subscribe to (an array; a comma list is accepted too). */
  events?: string[] | string;
}

export interface MondayInCredentials {
  /** Shared secret expected as ?token= for personal-token webhooks (which monday does not sign). */
  urlToken?: string;
}

export type MondayInNode = Node<MondayInCredentials>;
