import type { Node, NodeDef } from 'node-red';
import type { Operation } from './build-ops';

export interface MondayOutDef extends NodeDef {
  version?: number;
  account: string;
  operation: Operation;
  boardId?: string;
  groupId?: string;
  createLabels?: boolean;
}

export type MondayOutNode = Node;
