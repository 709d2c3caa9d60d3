import { CrmError } from '../errors';

/**
 * Documents arrive as objects or as JSON text (node config, files, messages). Text that is not
 * JSON becomes a CrmError with `code`, naming what was being read and where the parser stopped.
 */
export function fromJsonText(input: unknown, code: string, what: string, param: string): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input);
  } catch (err) {
    const reason = `not valid JSON (${(err as Error).message})`;
    throw new CrmError(code, `The ${what} is ${reason}`, { params: { [param]: reason } });
  }
}
