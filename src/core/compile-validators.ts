import standaloneModule from 'ajv/dist/standalone/index.js';
import { createAjv } from '../spec/create-ajv.ts';
import { requestSchemasOf } from '../spec/request-schemas.ts';
import type { JsonSchema, LoadedSpec, SpecOperation, Validate } from '../spec/types.ts';

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

// CommonJS with a default export; under NodeNext the callable sits on `.default` (as ajv-formats).
const standaloneCode = standaloneModule as unknown as typeof standaloneModule.default;

/**
 * One operation's request validators compiled now, with their standalone CommonJS code for a disk
 * cache (adapters/node/spec-cache.ts) to run on the next start instead of compiling.
 */
export function compileStandaloneParts(operation: SpecOperation): {
  parts: Record<string, Validate>;
  code: string;
} {
  const ajv = createAjv({ code: { source: true } });
  const schemas = Object.entries(requestSchemasOf(operation));
  for (const [i, [, schema]] of schemas.entries()) ajv.addSchema(schema, `s${i}`);
  const parts = Object.fromEntries(schemas.map(([key], i) => [key, ajv.getSchema(`s${i}`) as Validate]));
  const code = standaloneCode(ajv, Object.fromEntries(schemas.map(([key], i) => [key, `s${i}`])));
  return { parts, code };
}
