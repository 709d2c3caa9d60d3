/** The shared id map's shapes: what a link is, and what link/lookup/unlink hand back per entry. */
import type { CrmError } from '../errors';

/** System name → that system's id of the record (always text, as stored). */
export type SystemIds = Record<string, string>;

/** The ids of one record across systems, grouped under one link id. */
export interface Link {
  entity: string;
  linkId: number;
  ids: SystemIds;
}

/** One valid entry of a link request: its position in the input and the (system, id) pairs to link. */
export interface LinkRequest {
  index: number;
  entity: string;
  ids: SystemIds;
}

/** A link request's outcome: the completed link (and ids it displaced), or why it was refused. */
export type LinkOutcome =
  | { index: number; ok: true; link: Link; replaced: SystemIds }
  | { index: number; ok: false; error: CrmError };

/** Ids to look up or unlink, all of one entity and one system. */
export interface IdQuery {
  entity: string;
  system: string;
  /** null: the input had no id at this position (a batch may have gaps); it is simply not found. */
  ids: Array<string | null>;
}

/** Per input id: its link, or undefined when the id is not linked. Aligned with IdQuery.ids. */
export type IdResults = Array<Link | undefined>;

export const ACTIONS = ['link', 'lookup', 'unlink'] as const;
export type Action = (typeof ACTIONS)[number];
