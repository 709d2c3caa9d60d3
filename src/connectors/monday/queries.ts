/**
 * Every GraphQL document the connector sends. User values only ever travel as variables; the
 * documents are constants (or, for batches, built from our own alias/variable names only), and a
 * unit test validates each against monday's schema.
 */
const COMPLEXITY = 'complexity { before after query reset_in_x_seconds }';

const ITEM_FIELDS = 'fragment ItemFields on Item { id name state updated_at group { id title } column_values { id type text value } }';

export const ME_QUERY = `query Me { me { id name account { id name } } ${COMPLEXITY} }`;

export const BOARD_COLUMNS_QUERY = `query BoardColumns($boardIds: [ID!]) {
  ${COMPLEXITY}
  boards(ids: $boardIds) { id name columns { id title type settings } groups { id title } }
}`;

export const ITEMS_PAGE_QUERY = `query ItemsPage($boardIds: [ID!], $limit: Int!, $queryParams: ItemsQuery) {
  ${COMPLEXITY}
  boards(ids: $boardIds) { items_page(limit: $limit, query_params: $queryParams) { cursor items { ...ItemFields } } }
}
${ITEM_FIELDS}`;

export const GROUP_ITEMS_PAGE_QUERY = `query GroupItemsPage($boardIds: [ID!], $groupIds: [String], $limit: Int!, $queryParams: ItemsQuery) {
  ${COMPLEXITY}
  boards(ids: $boardIds) { groups(ids: $groupIds) { id items_page(limit: $limit, query_params: $queryParams) { cursor items { ...ItemFields } } } }
}
${ITEM_FIELDS}`;

export const NEXT_ITEMS_PAGE_QUERY = `query NextItemsPage($cursor: String!, $limit: Int!) {
  ${COMPLEXITY}
  next_items_page(cursor: $cursor, limit: $limit) { cursor items { ...ItemFields } }
}
${ITEM_FIELDS}`;

/** One kind of write that can be batched under aliases: its root field, typed arguments and selection. */
export interface MutationSpec {
  field: string;
  args: ReadonlyArray<readonly [name: string, type: string]>;
  selection: string;
}

export const MUTATIONS = {
  create_item: {
    field: 'create_item',
    args: [['board_id', 'ID!'], ['item_name', 'String!'], ['group_id', 'String'], ['column_values', 'JSON'], ['create_labels_if_missing', 'Boolean']],
    selection: '{ id name group { id } }',
  },
  change_columns: {
    field: 'change_multiple_column_values',
    args: [['board_id', 'ID!'], ['item_id', 'ID'], ['column_values', 'JSON!'], ['create_labels_if_missing', 'Boolean']],
    selection: '{ id name }',
  },
  delete_item: { field: 'delete_item', args: [['item_id', 'ID']], selection: '{ id }' },
  archive_item: { field: 'archive_item', args: [['item_id', 'ID']], selection: '{ id }' },
  create_update: { field: 'create_update', args: [['item_id', 'ID'], ['body', 'String!']], selection: '{ id }' },
} as const satisfies Record<string, MutationSpec>;

export type MutationKind = keyof typeof MUTATIONS;

/**
 * One request carrying several writes: alias `m<i>` with variables `$<arg>_<i>`. Aliases and
 * variable names are ours; every value the user supplies goes into `variables`.
 */
export function batchMutation(ops: ReadonlyArray<{ kind: MutationKind; vars: Record<string, unknown> }>): { query: string; variables: Record<string, unknown> } {
  const defs: string[] = [];
  const fields: string[] = [];
  const variables: Record<string, unknown> = {};
  ops.forEach((op, i) => {
    const spec: MutationSpec = MUTATIONS[op.kind];
    const args: string[] = [];
    for (const [name, type] of spec.args) {
      const value = op.vars[name];
      if (value === undefined) continue;
      defs.push(`$${name}_${i}: ${type}`);
      args.push(`${name}: $${name}_${i}`);
      variables[`${name}_${i}`] = value;
    }
    fields.push(`m${i}: ${spec.field}${args.length ? `(${args.join(', ')})` : ''} ${spec.selection}`);
  });
  return { query: `mutation Batch${defs.length ? `(${defs.join(', ')})` : ''} { ${COMPLEXITY} ${fields.join(' ')} }`, variables };
}

export const WEBHOOKS_QUERY = `query BoardWebhooks($boardId: ID!) { webhooks(board_id: $boardId) { id event board_id config } }`;

export const CREATE_WEBHOOK_MUTATION = `mutation CreateWebhook($boardId: ID!, $url: String!, $event: WebhookEventType!) {
  create_webhook(board_id: $boardId, url: $url, event: $event) { id event board_id }
}`;

export const DELETE_WEBHOOK_MUTATION = `mutation DeleteWebhook($id: ID!) { delete_webhook(id: $id) { id } }`;
