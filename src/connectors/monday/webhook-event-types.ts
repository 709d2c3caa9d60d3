/**
 * monday's WebhookEventType values that need no per-hook config (change_specific_column_value and
 * item_moved_to_specific_group need a columnId/groupId), so a node can subscribe to them as they are.
 * No imports: the monday in editor bundles this list too.
 */
export const MANAGEABLE_EVENTS = [
  'create_item', 'change_column_value', 'change_status_column_value', 'change_name', 'create_update', 'edit_update', 'delete_update',
  'item_deleted', 'item_archived', 'item_restored', 'item_moved_to_any_group', 'create_column',
  'create_subitem', 'change_subitem_column_value', 'change_subitem_name', 'create_subitem_update', 'subitem_archived', 'subitem_deleted', 'move_subitem',
] as const;

export const DEFAULT_EVENTS = ['create_item', 'change_column_value', 'change_name', 'item_deleted', 'item_archived', 'create_update'];
