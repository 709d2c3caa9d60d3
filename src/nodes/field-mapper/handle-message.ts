/**
 * One message through the mapper: records in msg.payload (one object or an array) are mapped and
 * validated; valid ones leave on output 1, invalid ones on output 2 with every problem listed.
 */
import type { NodeMessage } from 'node-red';
import type { ValidateOptions } from '../../core/mapping';
import { mapRecord, mapRecords } from '../../core/mapping';
import type { Msg, RED, Send } from '../shared/runtime';
import { getMsgProperty, status } from '../shared/runtime';
import type { MapperState } from './mapper-state';
import type { FieldMapperNode } from './types';

export interface HandlerContext {
  RED: RED;
  node: FieldMapperNode;
  state: MapperState;
  mappingProperty: string;
  validate: ValidateOptions;
  /** Warnings already shown, so a schema change is reported once, not per message. */
  warned: Set<string>;
}

export function reportWarnings(ctx: HandlerContext, warnings: Array<{ message: string }>): void {
  for (const w of warnings) {
    if (ctx.warned.has(w.message)) continue;
    ctx.warned.add(w.message);
    ctx.node.warn(ctx.RED._('field-mapper.warn.schemaChanged', { message: w.message }));
  }
}

function showStatus(ctx: HandlerContext, ok: number, bad: number, skipped: number): void {
  const { RED, node } = ctx;
  const text = RED._('field-mapper.status.result', { ok, bad }) + (skipped > 0 ? RED._('field-mapper.status.skipped', { count: skipped }) : '');
  if (bad > 0 || skipped > 0) status.waiting(node, text);
  else status.ok(node, text);
}

export async function handleMessage(ctx: HandlerContext, msg: Msg, send: Send): Promise<void> {
  const { RED } = ctx;
  if (msg.refreshSchema === true) ctx.state.refreshSchema();
  const override = ctx.mappingProperty ? getMsgProperty(RED, msg, ctx.mappingProperty) : undefined;
  const { compiled, schema, evolution } = await ctx.state.effective(override ?? undefined);
  const warnings = evolution?.warnings ?? [];
  reportWarnings(ctx, warnings);
  const options = { schema, validate: ctx.validate };
  const out1 = msg as Msg & NodeMessage;
  if (warnings.length > 0) out1.mappingWarnings = warnings;

  if (!Array.isArray(msg.payload)) {
    const result = await mapRecord(compiled, msg.payload, options);
    showStatus(ctx, result.valid ? 1 : 0, result.valid ? 0 : 1, warnings.length);
    if (result.valid) {
      out1.payload = result.output;
      send([out1, null]);
    } else {
      // The original record stays in payload so it can be fixed and sent again; nothing is lost.
      out1.mapped = result.output;
      out1.problems = result.problems;
      send([null, out1]);
    }
    return;
  }

  const records = msg.payload as unknown[];
  if (records.length === 0) {
    status.ok(ctx.node, RED._('field-mapper.status.empty'));
    return;
  }
  const batch = await mapRecords(compiled, records, options);
  showStatus(ctx, batch.valid.length, batch.invalid.length, warnings.length);
  let bad: (Msg & NodeMessage) | null = null;
  if (batch.invalid.length > 0) {
    bad = batch.valid.length > 0 ? (RED.util.cloneMessage(msg) as Msg & NodeMessage) : out1;
    bad.payload = batch.invalid.map((r) => r.record);
    bad.mapped = batch.invalid.map((r) => r.output);
    bad.problems = batch.invalid.flatMap((r) => r.problems.map((p) => ({ index: r.index, ...p })));
    bad.indexes = batch.invalid.map((r) => r.index);
  }
  let good: (Msg & NodeMessage) | null = null;
  if (batch.valid.length > 0) {
    good = out1;
    good.payload = batch.valid.map((r) => r.output);
    good.indexes = batch.valid.map((r) => r.index);
  }
  send([good, bad]);
}
