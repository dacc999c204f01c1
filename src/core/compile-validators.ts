import { createAjv } from '../spec/create-ajv.ts';
import type { JsonSchema, LoadedSpec, SpecOperation, Validate } from '../spec/types.ts';
import { requestSchemasOf } from './request-schemas.ts';

/**
 * ajv at run time, for a spec whose validators were not prepared ahead (one given to `createHandlers`
 * or `buildSpec`, a `--spec` file on its first start): imported on the first request that needs it,
 * so the bundled spec's path never loads the compiler (nor its `new Function`). One ajv per spec,
 * so a reloaded spec's compiled schemas go with it.
 */
const ajvs = new WeakMap<LoadedSpec, ReturnType<typeof createAjv>>();

function ajvFor(spec: LoadedSpec): ReturnType<typeof createAjv> {
  let ajv = ajvs.get(spec);
  if (!ajv) {
    ajv = createAjv();
    ajvs.set(spec, ajv);
  }
  return ajv;
}

/** One operation's request validators by part, compiled now. */
export function compileRequestParts(spec: LoadedSpec, operation: SpecOperation): Record<string, Validate> {
  const ajv = ajvFor(spec);
  return Object.fromEntries(
    Object.entries(requestSchemasOf(operation)).map(([key, schema]) => [key, ajv.compile(schema)]),
  );
}

export const compileSchema = (spec: LoadedSpec, schema: JsonSchema): Validate => ajvFor(spec).compile(schema);
