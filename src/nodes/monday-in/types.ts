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
}

export interface MondayInCredentials {
  /** Shared secret expected as ?token= for personal-token webhooks (which monday does not sign). */
  urlToken?: string;
}

export type MondayInNode = Node<MondayInCredentials>;
