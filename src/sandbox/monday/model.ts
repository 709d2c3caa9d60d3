/** The twin's in-memory account: plain records, ids as monday's numeric strings. */
export interface ColumnRec {
  id: string;
  title: string;
  type: string;
  settings: Record<string, unknown>;
  description: string | null;
}

export interface GroupRec {
  id: string;
  title: string;
  color: string;
  position: string;
}

export interface CellRec {
  value: unknown;
  text: string;
}

export interface ItemRec {
  id: string;
  boardId: string;
  groupId: string;
  name: string;
  state: 'active' | 'archived' | 'deleted';
  creatorId: string;
  createdAt: string;
  updatedAt: string;
  values: Map<string, CellRec>;
  parentItemId?: string;
}

export interface BoardRec {
  id: string;
  name: string;
  description: string | null;
  columns: ColumnRec[];
  groups: GroupRec[];
  itemIds: string[];
  workspaceId: string;
  ownerId: string;
  /** Set on a board's subitems board, created with its first subitem. */
  parentBoardId?: string;
  subitemsBoardId?: string;
}

export interface UserRec {
  id: string;
  name: string;
  email: string;
  title: string;
  isAdmin: boolean;
}

export interface UpdateRec {
  id: string;
  itemId: string;
  body: string;
  creatorId: string;
  createdAt: string;
}

export interface WebhookRec {
  id: string;
  boardId: string;
  url: string;
  event: string;
  config: Record<string, unknown> | null;
}

/** A change the board saw; webhooks turn these into monday's legacy event payloads. */
export type ChangeEvent =
  | { kind: 'create_item'; item: ItemRec; userId: string }
  | { kind: 'change_column_value'; item: ItemRec; column: ColumnRec; value: CellRec | undefined; previous: CellRec | undefined; userId: string }
  | { kind: 'change_name'; item: ItemRec; previousName: string; userId: string }
  | { kind: 'item_deleted' | 'item_archived'; item: ItemRec; userId: string }
  | { kind: 'create_update'; item: ItemRec; update: UpdateRec; userId: string };
