/** Node configuration → checked settings; a bad value is reported at deploy with what to fix. */
import { CrmError } from '../../core/errors';
import { checkEntity, checkSystem, isAction } from '../../core/id-map';
import type { IdMapDef, Settings } from './types';

export const DEFAULT_ENTITY = 'lead';
export const DEFAULT_ID_FROM = 'crm.itemId';

export function settingsFrom(config: IdMapDef): Settings {
  const action = config.action ?? 'link';
  if (!isAction(action)) {
    throw new CrmError('ID_MAP_BAD_ACTION', `Unknown action "${String(action)}": use link, lookup or unlink.`, { params: { action: String(action) } });
  }
  const system = (config.system ?? '').trim();
  if (system !== '') checkSystem(system);
  else if (action !== 'link') requireSystem(system, action);
  return {
    action,
    entity: checkEntity((config.entity ?? '').trim() || DEFAULT_ENTITY),
    system,
    idFrom: (config.idFrom ?? '').trim() || DEFAULT_ID_FROM,
    idFromType: config.idFromType || 'msg',
  };
}

/** lookup and unlink need to know whose id they are given (also when msg.action asks for them). */
export function requireSystem(system: string, action: string): string {
  if (system) return system;
  throw new CrmError('ID_MAP_NO_SYSTEM', `The action ${action} needs the node's System (whose id is given, e.g. monday): open the node and set it.`, {
    params: { action },
  });
}
