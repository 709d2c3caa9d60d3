/**
 * The id map in PostgreSQL, table crm_sync.id_map (migration 0500_id_map.sql), over the shared
 * Queryable contract (a PgStore, a pg Pool or PGlite). Links are written in one transaction per
 * message under a per-entity advisory lock, so two flows linking the same new ids at once cannot
 * create two links for them; look-ups are one statement each, whatever the batch size.
 */
import { CrmError, isCrmError } from '../errors';
import { STORE_SCHEMA, inTransaction } from '../store';
import type { Queryable } from '../store';
import type { IdQuery, IdResults, Link, LinkOutcome, LinkRequest, SystemIds } from './types';

const TABLE = `${STORE_SCHEMA}.id_map`;
const SEQUENCE = `${STORE_SCHEMA}.id_map_link_seq`;
/** pg_advisory_xact_lock(int, int): 'cmid' and the entity's hash, apart from the migrations' ('crms', 1). */
const LOCK_CLASS = 0x636d6964;

interface Row {
  link_id: string | number;
  system: string;
  record_id: string;
}

/** Every row of every link that holds one of the given (system, id) pairs. */
const LINKS_OF_PAIRS = `
SELECT l.link_id, l.system, l.record_id FROM ${TABLE} l
 WHERE l.entity = $1 AND l.link_id IN (
   SELECT m.link_id FROM ${TABLE} m
     JOIN unnest($2::text[], $3::text[]) AS g(system, record_id) ON m.system = g.system AND m.record_id = g.record_id
    WHERE m.entity = $1)`;

/** The links of the given ids of one system: `m` picks them, `l` returns each link whole. */
const LINKS_OF_IDS = `
SELECT l.link_id, l.system, l.record_id FROM ${TABLE} l
 WHERE l.entity = $1 AND l.link_id IN (SELECT m.link_id FROM ${TABLE} m WHERE m.entity = $1 AND m.system = $2 AND m.record_id = ANY ($3::text[]))`;

const UNLINK_IDS = `
DELETE FROM ${TABLE} l
 WHERE l.entity = $1 AND l.link_id IN (SELECT m.link_id FROM ${TABLE} m WHERE m.entity = $1 AND m.system = $2 AND m.record_id = ANY ($3::text[]))
RETURNING l.link_id, l.system, l.record_id`;

const MISSING_RELATION = new Set(['42P01', '3F000']);

function storeError(err: unknown, action: string): CrmError {
  const e = err as { code?: string; message?: string; details?: { sqlstate?: string } };
  const sqlstate = e.details?.sqlstate ?? e.code;
  if (sqlstate && MISSING_RELATION.has(sqlstate)) {
    return new CrmError('ID_MAP_STORE_MISSING', `The id map table ${TABLE} does not exist: apply the package's database migrations (0500_id_map.sql).`, {
      params: { table: TABLE },
      cause: err,
    });
  }
  // PgStore errors already say what to fix (connection lost, permission denied, ...).
  if (isCrmError(err)) return err;
  const reason = e.message ?? String(err);
  return new CrmError('ID_MAP_STORE_FAILED', `Could not ${action} the id map in PostgreSQL: ${reason}`, {
    retryable: true,
    params: { action, reason },
    details: { pgCode: e.code },
    cause: err,
  });
}

/** Groups rows into links by link id. */
function linksOf(entity: string, rows: Row[]): Map<number, Link> {
  const links = new Map<number, Link>();
  for (const row of rows) {
    const linkId = Number(row.link_id);
    const link = links.get(linkId) ?? { entity, linkId, ids: {} };
    link.ids[row.system] = row.record_id;
    links.set(linkId, link);
  }
  return links;
}

/** For each queried id, the link that holds it for the queried system. */
function align(query: IdQuery, links: Map<number, Link>): IdResults {
  const byId = new Map<string, Link>();
  for (const link of links.values()) {
    const id = link.ids[query.system];
    if (id !== undefined) byId.set(id, link);
  }
  return query.ids.map((id) => (id === null ? undefined : byId.get(id)));
}

function presentIds(query: IdQuery): string[] {
  return [...new Set(query.ids.filter((id): id is string => id !== null))];
}

export class PgIdMap {
  constructor(private readonly db: Queryable) {}

  /** Links each request's ids; requests are applied in order, so later ones see earlier ones' links. */
  async link(requests: LinkRequest[]): Promise<LinkOutcome[]> {
    if (requests.length === 0) return [];
    try {
      return await inTransaction(this.db, async (q) => {
        await lockEntities(q, requests.map((r) => r.entity));
        const outcomes: LinkOutcome[] = [];
        for (const request of requests) outcomes.push(await linkOne(q, request));
        return outcomes;
      });
    } catch (err) {
      throw storeError(err, 'update');
    }
  }

  async lookup(query: IdQuery): Promise<IdResults> {
    const ids = presentIds(query);
    if (ids.length === 0) return query.ids.map(() => undefined);
    try {
      const { rows } = await this.db.query<Row>(LINKS_OF_IDS, [query.entity, query.system, ids]);
      return align(query, linksOf(query.entity, rows));
    } catch (err) {
      throw storeError(err, 'read');
    }
  }

  /** Removes the whole link of each id; returns the removed links, aligned with the ids. */
  async unlink(query: IdQuery): Promise<IdResults> {
    const ids = presentIds(query);
    if (ids.length === 0) return query.ids.map(() => undefined);
    try {
      const rows = await inTransaction(this.db, async (q) => {
        await lockEntities(q, [query.entity]);
        return (await q.query<Row>(UNLINK_IDS, [query.entity, query.system, ids])).rows;
      });
      return align(query, linksOf(query.entity, rows));
    } catch (err) {
      throw storeError(err, 'update');
    }
  }
}

/** Entity locks in one order, so two transactions never wait on each other crosswise. */
async function lockEntities(q: Queryable, entities: string[]): Promise<void> {
  for (const entity of [...new Set(entities)].sort()) {
    await q.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [LOCK_CLASS, entity]);
  }
}

async function linkOne(q: Queryable, request: LinkRequest): Promise<LinkOutcome> {
  const { entity, ids } = request;
  const systems = Object.keys(ids);
  const { rows } = await q.query<Row>(LINKS_OF_PAIRS, [entity, systems, systems.map((s) => ids[s])]);
  const existing = [...linksOf(entity, rows).values()];
  if (existing.length > 1) return { index: request.index, ok: false, error: conflictError(request, existing) };

  const current = existing[0] ?? { entity, linkId: await nextLinkId(q), ids: {} };
  const replaced: SystemIds = {};
  const toWrite = systems.filter((s) => current.ids[s] !== ids[s]);
  for (const s of toWrite) if (current.ids[s] !== undefined) replaced[s] = current.ids[s];
  if (Object.keys(replaced).length > 0) {
    await q.query(`DELETE FROM ${TABLE} WHERE entity = $1 AND link_id = $2 AND system = ANY ($3::text[])`, [entity, current.linkId, Object.keys(replaced)]);
  }
  if (toWrite.length > 0) {
    await q.query(
      `INSERT INTO ${TABLE} (entity, system, record_id, link_id) SELECT $1, g.system, g.record_id, $4 FROM unnest($2::text[], $3::text[]) AS g(system, record_id)`,
      [entity, toWrite, toWrite.map((s) => ids[s]), current.linkId],
    );
    if (existing.length > 0) await q.query(`UPDATE ${TABLE} SET updated_at = now() WHERE entity = $1 AND link_id = $2`, [entity, current.linkId]);
  }
  return { index: request.index, ok: true, link: { entity, linkId: current.linkId, ids: { ...current.ids, ...ids } }, replaced };
}

async function nextLinkId(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ id: string | number }>(`SELECT nextval('${SEQUENCE}') AS id`);
  return Number(rows[0].id);
}

function conflictError(request: LinkRequest, found: Link[]): CrmError {
  const links = [...found].sort((a, b) => a.linkId - b.linkId);
  const where = links
    .map((link) => {
      const held = Object.keys(request.ids).filter((s) => link.ids[s] === request.ids[s]);
      return `${held.map((s) => `${s} ${request.ids[s]}`).join(', ')} in link ${link.linkId}`;
    })
    .join('; ');
  return new CrmError('ID_MAP_CONFLICT', `Entry ${request.index}: its ids belong to different links (${where}); unlink one of them first.`, {
    params: { index: request.index, links: where },
    details: { links: links.map((l) => ({ linkId: l.linkId, ...l.ids })) },
  });
}
