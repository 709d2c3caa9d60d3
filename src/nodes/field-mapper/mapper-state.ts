/**
 * What a field mapper node holds between messages: its compiled mapping, the target schema
 * provider and the schema-evolution verdict (rows that no longer fit are skipped with a warning).
 */
import { CrmError } from '../../core/errors';
import type { CompiledMapping, EvolutionResult, TargetSchema, TargetSchemaProvider } from '../../core/mapping';
import { checkMappingAgainstSchema, compileMapping } from '../../core/mapping';

export interface Effective {
  compiled: CompiledMapping;
  schema?: TargetSchema;
  evolution?: EvolutionResult;
}

export class MapperState {
  private configCompiled?: CompiledMapping;
  private configError?: unknown;
  private schemaPromise?: Promise<TargetSchema | undefined>;
  private readonly checked = new WeakMap<TargetSchema, Map<CompiledMapping, Effective>>();
  /** The schema seen before each schema, so a refresh can spot type changes of untyped rows. */
  private readonly previous = new WeakMap<TargetSchema, TargetSchema>();
  private lastSchema?: TargetSchema;

  constructor(
    mappingText: string,
    private readonly provider: TargetSchemaProvider | undefined,
    readonly providerError?: unknown,
  ) {
    try {
      this.configCompiled = compileMapping(mappingText);
    } catch (err) {
      this.configError = err;
    }
  }

  get mappingError(): unknown {
    return this.configError;
  }

  refreshSchema(): void {
    this.provider?.refresh?.();
    this.schemaPromise = undefined;
  }

  async schema(): Promise<TargetSchema | undefined> {
    if (this.providerError) throw this.providerError;
    if (!this.provider) return undefined;
    this.schemaPromise ??= this.provider.getSchema().catch((err: unknown) => {
      // A failed fetch is retried with the next message rather than cached forever.
      this.schemaPromise = undefined;
      throw err;
    });
    return this.schemaPromise;
  }

  /** The mapping to use for a message: msg override or the node's, reduced to rows that fit the schema. */
  async effective(override: unknown): Promise<Effective> {
    let compiled: CompiledMapping;
    if (override !== undefined) compiled = compileMapping(override);
    else if (this.configCompiled) compiled = this.configCompiled;
    else throw this.configError ?? new CrmError('MAPPING_INVALID', 'The mapping is invalid', { params: { problems: 'missing' } });
    const schema = await this.schema();
    if (!schema) return { compiled };
    let perSchema = this.checked.get(schema);
    if (!perSchema) {
      perSchema = new Map();
      this.checked.set(schema, perSchema);
      if (this.lastSchema && this.lastSchema !== schema) this.previous.set(schema, this.lastSchema);
      this.lastSchema = schema;
    }
    const cached = perSchema.get(compiled);
    if (cached) return cached;
    const evolution = checkMappingAgainstSchema(compiled.mapping, schema, this.previous.get(schema));
    const reduced: CompiledMapping =
      evolution.droppedRows.length === 0 ? compiled : { mapping: evolution.mapping, rows: compiled.rows.filter((_, i) => !evolution.droppedRows.includes(i)) };
    const result = { compiled: reduced, schema, evolution };
    // Only the node's own mapping is cached: msg mappings are new objects every time.
    if (override === undefined) perSchema.set(compiled, result);
    return result;
  }
}
