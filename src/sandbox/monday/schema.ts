import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';

let cached: GraphQLSchema | undefined;

/** monday's real schema, built once per process: validation and execution both run against it. */
export function mondaySchema(): GraphQLSchema {
  if (!cached) {
    const file = path.join(__dirname, 'schema.graphql');
    // Resolvers live on the root value and source objects, so the SDL stays exactly monday's.
    cached = buildSchema(fs.readFileSync(file, 'utf8'), { assumeValidSDL: true });
  }
  return cached;
}
