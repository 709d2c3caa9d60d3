/** The transform catalogue and the chain runner. */
import type { TransformSpec } from '../types';
import type { StepOptions, TransformContext, TransformFn } from './base';
import { TransformFailure } from './base';
import { boolean } from './boolean';
import { date, datetime, formatDate } from './dates';
import { lookup, picklist } from './lookup';
import { joinName, splitName } from './names';
import { number } from './numbers';
import { phone } from './phone';
import { email, join, lower, text, trim, truncate, upper } from './text';

export const TRANSFORMS: Readonly<Record<string, TransformFn>> = {
  trim,
  lower,
  upper,
  text,
  truncate,
  join,
  email,
  splitName,
  joinName,
  date,
  datetime,
  formatDate,
  number,
  phone,
  boolean,
  lookup,
  picklist,
};

export const TRANSFORM_NAMES = Object.keys(TRANSFORMS);

export function stepsOf(spec: TransformSpec | TransformSpec[] | undefined): TransformSpec[] {
  if (spec === undefined) return [];
  return Array.isArray(spec) ? spec : [spec];
}

export function stepName(step: TransformSpec): string {
  return typeof step === 'string' ? step : step.type;
}

/** Runs the chain left to right; the first failure stops it and names the failing step. */
export function runChain(value: unknown, spec: TransformSpec | TransformSpec[] | undefined, ctx: TransformContext): unknown {
  let current = value;
  for (const step of stepsOf(spec)) {
    const name = stepName(step);
    const fn = TRANSFORMS[name];
    if (!fn) throw new TransformFailure('UNKNOWN_TRANSFORM', `unknown transform "${name}"`);
    const options: StepOptions = typeof step === 'string' ? {} : step;
    try {
      current = fn(current, options, ctx);
    } catch (err) {
      if (err instanceof TransformFailure) throw err;
      // A bug or an odd input inside one transform must not take the batch down.
      throw new TransformFailure('TRANSFORM_ERROR', `${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return current;
}
