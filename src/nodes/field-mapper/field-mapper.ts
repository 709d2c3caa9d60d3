/**
 * crm-field-mapper: maps records (e.g. monday items) to another system's fields (e.g. a Salesforce
 * Lead) with a versioned mapping document, validates them against the target schema and splits
 * valid (output 1) from invalid records (output 2). Logic lives in src/core/mapping.
 */
import { createTargetSchemaProvider } from '../../core/mapping';
import type { TargetSchemaProvider } from '../../core/mapping';
import { migrateConfig } from '../shared/migrate';
import type { RED } from '../shared/runtime';
import { localizeError, onInput, status } from '../shared/runtime';
import { registerAdminEndpoints } from './admin';
import type { HandlerContext } from './handle-message';
import { handleMessage, reportWarnings } from './handle-message';
import { MapperState } from './mapper-state';
import { MIGRATIONS } from './migrations';
import { providerConfig, providerSecrets, registerConnectionProviders } from './providers';
import type { FieldMapperDef, FieldMapperNode } from './types';
import { TYPE } from './types';

export = function register(RED: RED): void {
  function FieldMapper(this: FieldMapperNode, def: FieldMapperDef): void {
    RED.nodes.createNode(this, def);
    const config = migrateConfig(def, MIGRATIONS);
    const secrets = providerSecrets(RED, config);
    let provider: TargetSchemaProvider | undefined;
    let providerError: unknown;
    try {
      provider = createTargetSchemaProvider(providerConfig(config));
    } catch (err) {
      providerError = localizeError(RED, err, secrets());
    }
    const state = new MapperState(config.mapping ?? '', provider, providerError);
    const ctx: HandlerContext = {
      RED,
      node: this,
      state,
      mappingProperty: config.mappingProperty ?? 'mapping',
      validate: { unknownFields: config.unknownFields ?? 'error', checkRequired: config.checkRequired !== false },
      warned: new Set(),
    };
    const fail = (err: unknown): void => {
      const e = localizeError(RED, err, secrets());
      this.error(e.message);
      status.error(this, e.message);
    };
    const startupError = state.mappingError ?? providerError;
    if (startupError) {
      // Reported now so a broken deploy is visible at once; messages then fail with the same error
      // (unless they bring their own mapping).
      fail(startupError);
    } else if (provider) {
      // Check the mapping against the schema at deploy: a deleted or retyped field is a warning and
      // its rows are skipped, instead of every message failing later.
      state
        .effective(undefined)
        .then(({ evolution }) => {
          const count = evolution?.warnings.length ?? 0;
          reportWarnings(ctx, evolution?.warnings ?? []);
          if (count > 0) status.waiting(this, RED._('field-mapper.status.rowsSkipped', { count }));
          else status.ok(this, RED._('field-mapper.status.ready'));
        })
        .catch(fail);
    }
    onInput(RED, this, (msg, send) => handleMessage(ctx, msg, send), { secrets });
  }
  registerConnectionProviders(RED);
  RED.nodes.registerType(TYPE, FieldMapper as never);
  registerAdminEndpoints(RED);
};
