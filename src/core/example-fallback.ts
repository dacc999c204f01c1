import type { ValidateFunction } from 'ajv';
import { createAjv } from '../spec/create-ajv.ts';
import { normalizeSchema } from '../spec/normalize-schema.ts';
import { toAcyclicSchema } from '../spec/schema-graph.ts';
import type { LoadedSpec, SpecOperation } from '../spec/types.ts';
import { generateFromSchema } from './generate-from-schema.ts';
import { createRouter } from './router.ts';
import type { Fallback, FallbackResponse } from './types.ts';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const asObj = (value: unknown): Obj => (isObj(value) ? value : {});

/** One response media of one operation: its schema as written, and its examples that pass it. */
interface PreparedMedia {
  type: string;
  schema: unknown;
  /** The first usable example: `example`, else the first of `examples`. */
  example?: unknown;
  /** Named examples (`Prefer: example=NAME`); an invalid one is replaced by generated data. */
  named: Map<string, unknown>;
  /** The response's declared headers, each generated from its schema (a redirect's `Location`). */
  headers: Record<string, unknown>;
}

/**
 * The fallback with no Prism and no environment: answers operations the store does not implement
 * (and forced `Prefer: code=|example=|dynamic=`) from the spec's examples, checked once against
 * their own schemas at start-up, or from data generated from the schema when an example is
 * missing or invalid (Togai's published description has both). Generated data is seeded: the same
 * seed, operation and status give the same body; `dynamic=true` draws a new one per request,
 * in a reproducible sequence. Reused by any adapter; the Node server keeps Prism.
 */
export function exampleFallbackFor(spec: LoadedSpec, options: { seed?: number } = {}): Fallback {
  const seed = options.seed ?? 1;
  const check = createExampleChecker();
  const router = createRouter<{ operation: SpecOperation; responses: Map<string, PreparedMedia | null> }>();
  for (const operation of spec.operations) {
    const raw = asObj(asObj(asObj(spec.dereferenced.paths)[operation.path])[operation.method]);
    const responses = new Map<string, PreparedMedia | null>();
    for (const [status, response] of Object.entries(asObj(raw.responses)))
      responses.set(status, prepareMedia(asObj(response), check));
    router.add(operation.method, operation.path, { operation, responses });
  }
  let draws = 0;

  return async (request, prefer) => {
    const found = router
      .match(request.path)
      ?.routes.byMethod.get(request.method === 'HEAD' ? 'GET' : request.method);
    if (!found)
      return errorAnswer(404, `path: no operation at ${request.method} ${request.path.slice(0, 200)}`);
    const { operation, responses } = found;
    const status = prefer.code ?? lowestSuccess(responses);
    const key = responses.has(String(status)) ? String(status) : status >= 400 ? 'default' : undefined;
    const media = key === undefined ? undefined : responses.get(key);
    if (key === undefined || media === undefined) {
      return errorAnswer(500, `mock: ${operation.operationId} declares no response to answer with`);
    }
    if (media === null) return { status, headers: {}, body: undefined };
    const headers: Record<string, string> = { 'content-type': media.type };
    for (const [name, schema] of Object.entries(media.headers))
      headers[name] = String(generateFromSchema(schema, hashSeed(seed, `${operation.operationId} ${name}`)));
    if (prefer.example !== undefined) {
      if (!media.named.has(prefer.example)) {
        const names = [...media.named.keys()].join(', ') || 'none';
        return errorAnswer(
          404,
          `Prefer: example=${prefer.example.slice(0, 50)} is not an example of ${operation.operationId} ${status} (${names})`,
        );
      }
      return { status, headers, body: media.named.get(prefer.example) };
    }
    if (!prefer.dynamic && media.example !== undefined) return { status, headers, body: media.example };
    const drawn = prefer.dynamic ? `dynamic ${draws++}` : `${operation.operationId} ${status}`;
    return { status, headers, body: generateFromSchema(media.schema, hashSeed(seed, drawn)) };
  };
}

const errorAnswer = (status: number, message: string): FallbackResponse => ({
  status,
  headers: {},
  body: { message },
});

/**
 * What the mock answers without `Prefer: code=`: the lowest 2xx, as Prism picks; an operation with
 * none (a redirect) its lowest 3xx; else 200 from `default`.
 */
function lowestSuccess(responses: Map<string, unknown>): number {
  const codes = [...responses.keys()].map(Number).filter((code) => code >= 200 && code < 400);
  return codes.length > 0 ? Math.min(...codes) : 200;
}

/** A response's JSON media (or its first), examples checked; `null` for a response with no body. */
function prepareMedia(response: Obj, check: ExampleChecker): PreparedMedia | null {
  const content = asObj(response.content);
  const type = 'application/json' in content ? 'application/json' : Object.keys(content)[0];
  if (type === undefined) return null;
  const media = asObj(content[type]);
  const valid = check(media.schema);
  const named = new Map<string, unknown>();
  for (const [name, entry] of Object.entries(asObj(media.examples))) {
    const value = asObj(entry).value;
    named.set(name, valid(value) ? value : generateFromSchema(media.schema, hashSeed(1, name)));
  }
  const candidates = [media.example, ...named.values(), asObj(media.schema).example];
  const example = candidates.find((value) => value !== undefined && valid(value));
  const headers: Record<string, unknown> = {};
  for (const [name, header] of Object.entries(asObj(response.headers)))
    headers[name.toLowerCase()] = asObj(header).schema;
  return { type, schema: media.schema, ...(example !== undefined ? { example } : {}), named, headers };
}

type ExampleChecker = (schema: unknown) => (value: unknown) => boolean;

/** One ajv for every example; a schema compiled once however many responses share it. */
function createExampleChecker(): ExampleChecker {
  const ajv = createAjv();
  const compiled = new WeakMap<object, ValidateFunction | null>();
  return (schema) => {
    if (!isObj(schema)) return () => true;
    let validate = compiled.get(schema);
    if (validate === undefined) {
      try {
        validate = ajv.compile(toAcyclicSchema(normalizeSchema(schema)));
      } catch {
        // A schema ajv cannot compile cannot vouch for its examples: generated data answers.
        validate = null;
      }
      compiled.set(schema, validate);
    }
    const v = validate;
    return (value) => v !== null && v(value) === true;
  };
}

/** A 32-bit seed from the mock's seed and a label (FNV-1a). */
function hashSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
