import type { FieldType as SoqlField, OrderByClause, Query, Subquery } from 'soql-parser-js';
import { parseQuery } from 'soql-parser-js';
import { SfError } from './http';
import type { FieldDef, ObjectDef } from './schema';
import { childRelationships } from './schema';
import type { SfRecord, SfValue, Store } from './store';
import type { Resolver } from './soql-where';
import { comparable, compare, compileWhere } from './soql-where';

export interface SoqlResult {
  totalSize: number;
  records: Array<Record<string, unknown>>;
  /** Selected fields as canonical dotted paths (Account.Name), in SELECT order: Bulk CSV headers. */
  columns: string[];
}

/** Salesforce's compiler-style error text: the query, a caret under the column, then the reason. */
function positioned(soql: string, needle: string, message: string): string {
  const idx = Math.max(0, soql.toLowerCase().indexOf(needle.toLowerCase()));
  return `\n${soql}\n${' '.repeat(idx)}^\nERROR at Row:1:Column:${idx + 1}\n${message}`;
}

export function recordUrl(version: string, type: string, id: SfValue): string {
  return `/services/data/v${version}/sobjects/${type}/${String(id)}`;
}

interface PathStep {
  field: FieldDef;
  def: ObjectDef;
}

/** Walks Account.Owner.Name style paths through reference fields' relationship names. */
function resolvePath(store: Store, root: ObjectDef, path: string, soql: string, alias?: string): { steps: PathStep[]; field: FieldDef } {
  const parts = path.split('.');
  // `SELECT c.Name FROM Contact c`: the object alias prefixes a path without being a relationship.
  if (alias && parts.length > 1 && parts[0].toLowerCase() === alias.toLowerCase()) parts.shift();
  const steps: PathStep[] = [];
  let def = root;
  for (const rel of parts.slice(0, -1)) {
    const ref = def.byRelationship.get(rel.toLowerCase());
    const target = ref && store.object(ref.referenceTo[0]);
    if (!ref || !target) {
      throw new SfError(400, 'INVALID_FIELD', positioned(soql, path, `Didn't understand relationship '${rel}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`));
    }
    steps.push({ field: ref, def: target });
    def = target;
  }
  const last = parts[parts.length - 1];
  const field = def.byName.get(last.toLowerCase());
  if (!field) {
    throw new SfError(400, 'INVALID_FIELD', positioned(soql, path, `No such column '${last}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`));
  }
  return { steps, field };
}

function parent(store: Store, record: SfRecord | undefined, step: PathStep): SfRecord | undefined {
  const id = record?.[step.field.name];
  return typeof id === 'string' ? store.find(step.def, id) : undefined;
}

export function parseSoql(soql: string): Query {
  try {
    return parseQuery(soql);
  } catch (e) {
    const message = (e as Error).message.split('\n')[0];
    const col = /offset: (\d+)/.exec(message);
    throw new SfError(400, 'MALFORMED_QUERY', `\n${soql}\n${col ? `ERROR at Row:1:Column:${Number(col[1]) + 1}\n` : ''}${message}`);
  }
}

/** Runs one SOQL statement over the store; queryAll (includeDeleted) also returns recycled records. */
export function executeSoql(store: Store, soql: string, includeDeleted: boolean, version: string): SoqlResult {
  const q = parseSoql(soql);
  const def = q.sObject ? store.object(q.sObject) : undefined;
  if (!def) {
    throw new SfError(400, 'INVALID_TYPE', positioned(soql, q.sObject ?? 'FROM', `sObject type '${q.sObject ?? ''}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`));
  }
  if (q.groupBy || q.having) throw new SfError(400, 'MALFORMED_QUERY', positioned(soql, 'GROUP BY', 'The twin does not support GROUP BY or aggregate functions other than COUNT()'));
  if (q.offset !== undefined && q.offset > 2000) throw new SfError(400, 'NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000');

  const count = q.fields?.some((f) => f.type === 'FieldFunctionExpression' && f.functionName.toUpperCase() === 'COUNT' && f.parameters.length === 0);
  const columns: string[] = [];
  const project = count ? () => ({}) : projector(store, def, q.fields ?? [], soql, version, columns, q.sObjectAlias);
  const rows = select(store, def, q, soql, [...store.table(def).values()].filter((r) => includeDeleted || !r.IsDeleted));
  if (count) return { totalSize: rows.length, records: [], columns };
  return { totalSize: rows.length, records: rows.map(project), columns };
}

type Clauses = Pick<Query, 'where' | 'orderBy' | 'offset' | 'limit' | 'sObjectAlias'>;

function resolver(store: Store, def: ObjectDef, soql: string, alias?: string): Resolver {
  return (path) => {
    const { steps, field } = resolvePath(store, def, path, soql, alias);
    return {
      field,
      get: (row) => {
        let rec: SfRecord | undefined = row as SfRecord;
        for (const s of steps) rec = parent(store, rec, s);
        return rec ? (rec[field.name] ?? null) : null;
      },
    };
  };
}

/** WHERE, ORDER BY, OFFSET and LIMIT over candidate rows of one object (the main query or a child subquery). */
function select(store: Store, def: ObjectDef, q: Clauses, soql: string, candidates: SfRecord[]): SfRecord[] {
  const resolve = resolver(store, def, soql, q.sObjectAlias);
  const where = compileWhere(q.where, resolve);
  let rows = candidates.filter((r) => where(r));
  if (q.orderBy) rows = sortRows(rows, Array.isArray(q.orderBy) ? q.orderBy : [q.orderBy], resolve, soql);
  if (q.offset) rows = rows.slice(q.offset);
  if (q.limit !== undefined) rows = rows.slice(0, q.limit);
  return rows;
}

function sortRows(rows: SfRecord[], orderBy: OrderByClause[], resolve: Resolver, soql: string): SfRecord[] {
  const keys = orderBy.map((o) => {
    const f = (o as { field?: string }).field;
    if (!f) throw new SfError(400, 'MALFORMED_QUERY', positioned(soql, 'ORDER BY', 'The twin supports ORDER BY on fields only'));
    const { field, get } = resolve(f);
    const desc = o.order === 'DESC';
    // Salesforce sorts nulls first unless told otherwise, whatever the direction.
    const nullsLast = o.nulls === 'LAST';
    return { get: (r: SfRecord) => comparable(field, get(r)), desc, nullsLast };
  });
  return rows.sort((a, b) => {
    for (const k of keys) {
      const va = k.get(a);
      const vb = k.get(b);
      if (va === null || vb === null) {
        if (va === vb) continue;
        return (va === null) === k.nullsLast ? 1 : -1;
      }
      const c = compare(va, vb);
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  });
}

/** Builds the function turning a stored record into the JSON Salesforce returns for the selected fields. */
function projector(store: Store, root: ObjectDef, fields: SoqlField[], soql: string, version: string, columns: string[], alias?: string) {
  const paths: Array<{ steps: PathStep[]; field: FieldDef }> = [];
  const children: Array<(record: SfRecord) => [string, unknown]> = [];
  for (const f of fields) {
    if (f.type === 'Field') paths.push(resolvePath(store, root, f.field, soql, alias));
    else if (f.type === 'FieldRelationship') paths.push(resolvePath(store, root, [...f.relationships, f.field].join('.'), soql, alias));
    else if (f.type === 'FieldSubquery') children.push(childProjector(store, root, f.subquery, soql, version));
    else throw new SfError(400, 'MALFORMED_QUERY', positioned(soql, (f as { rawValue?: string }).rawValue ?? 'SELECT', 'The twin supports plain fields, parent-relationship fields, child subqueries and COUNT() only'));
  }
  for (const p of paths) columns.push([...p.steps.map((s) => s.field.relationshipName!), p.field.name].join('.'));
  return (record: SfRecord): Record<string, unknown> => {
    const out: Record<string, unknown> = { attributes: { type: root.name, url: recordUrl(version, root.name, record.Id) } };
    for (const { steps, field } of paths) {
      let target: Record<string, unknown> | null = out;
      let rec: SfRecord | undefined = record;
      for (const step of steps) {
        rec = parent(store, rec, step);
        const key: string = step.field.relationshipName!;
        if (!rec) {
          if (target && !(key in target)) target[key] = null;
          target = null;
          break;
        }
        const existing = target![key] as Record<string, unknown> | null | undefined;
        target = existing ?? (target![key] = { attributes: { type: step.def.name, url: recordUrl(version, step.def.name, rec.Id) } }) as Record<string, unknown>;
      }
      if (target) target[field.name] = rec ? (rec[field.name] ?? null) : null;
    }
    for (const child of children) {
      const [key, value] = child(record);
      out[key] = value;
    }
    return out;
  };
}

/** `(SELECT ... FROM Contacts)`: the parent's live children as a nested query result, or null when there are none. */
function childProjector(store: Store, root: ObjectDef, sub: Subquery, soql: string, version: string): (record: SfRecord) => [string, unknown] {
  const rel = childRelationships(store.schema, root).find((r) => r.relationshipName.toLowerCase() === sub.relationshipName.toLowerCase());
  if (!rel) {
    throw new SfError(400, 'INVALID_TYPE', positioned(soql, sub.relationshipName, `Didn't understand relationship '${sub.relationshipName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`));
  }
  const project = projector(store, rel.child, sub.fields ?? [], soql, version, [], sub.sObjectAlias);
  return (record) => {
    const kids = [...store.table(rel.child).values()].filter((c) => !c.IsDeleted && c[rel.field.name] === record.Id);
    const rows = select(store, rel.child, sub, soql, kids);
    return [rel.relationshipName, rows.length ? { totalSize: rows.length, done: true, records: rows.map(project) } : null];
  };
}
