/** JSONata for mapping rows: the same library Node-RED uses, compiled once per expression. */
import jsonata from 'jsonata';
import { CrmError } from '../errors';

export type Evaluator = (record: unknown) => Promise<unknown>;

/** Compiles `expression`; a syntax error becomes MAPPING_INVALID pointing at the row. */
export function compileExpression(expression: string, where: string): Evaluator {
  let compiled: ReturnType<typeof jsonata>;
  try {
    compiled = jsonata(expression);
  } catch (err) {
    const e = err as { message?: string; position?: number };
    const list = `${where}: JSONata error${e.position !== undefined ? ` at ${e.position}` : ''}: ${e.message ?? String(err)}`;
    throw new CrmError('MAPPING_INVALID', `The mapping is invalid: ${list}`, { params: { problems: list } });
  }
  return (record) => compiled.evaluate(record);
}
