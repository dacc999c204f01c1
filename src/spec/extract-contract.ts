import { type Doc, follow, mergeAllOf } from './schema-view.ts';
import type { JsonSchema } from './types.ts';

/**
 * The facts of a published description for a set of operations: parameters, request and response
 * schemas by status, with `$ref`s inlined and `allOf` merged, and no prose (descriptions,
 * summaries, titles, examples, vendor extensions). The named request examples are data and travel
 * apart, in `requestExamples`. A schema that recurses is kept once under `schemas` and referred to
 * as `#/schemas/Name`, so the result is plain JSON an ajv instance can load whole.
 */
export interface ContractFacts {
  operations: FactOperation[];
  schemas: Record<string, JsonSchema>;
  /** By operationId, then by example name: the request bodies the description names. */
  requestExamples: Record<string, Record<string, unknown>>;
}

export interface FactOperation {
  method: string;
  path: string;
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: JsonSchema }[];
  requestBody?: { required: boolean; schema: JsonSchema };
  /** By status (`'200'`, `'default'`); `null` when the status declares no JSON body. */
  responses: Record<string, JsonSchema | null>;
}

const PROSE = new Set(['description', 'summary', 'title', 'example', 'examples', 'externalDocs', 'xml']);
const isObj = (value: unknown): value is JsonSchema =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Method + path template with parameter names dropped: how operations of two documents match. */
export const operationKey = (method: string, path: string): string =>
  `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`;

class Inliner {
  readonly schemas: Record<string, JsonSchema> = {};
  constructor(private readonly doc: Doc) {}

  /** Inlines `node`; `stack` holds the named schemas being inlined around it (a cycle stops there). */
  inline(node: unknown, stack: string[] = []): JsonSchema {
    const refs: string[] = [];
    const merged = mergeAllOf(this.doc, node, refs);
    const name = refs.at(-1)?.split('/').at(-1);
    if (name !== undefined && stack.includes(name)) {
      if (!(name in this.schemas)) {
        this.schemas[name] = {};
        this.schemas[name] = this.inline(node, []);
      }
      return { $ref: `#/schemas/${name}` };
    }
    const inner = name === undefined ? stack : [...stack, name];
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(merged)) {
      if (PROSE.has(key) || key.startsWith('x-')) continue;
      if (key === 'properties' && isObj(value))
        out[key] = Object.fromEntries(
          Object.entries(value).map(([prop, sub]) => [prop, this.inline(sub, inner)]),
        );
      else if (['items', 'additionalProperties', 'not'].includes(key) && isObj(value))
        out[key] = this.inline(value, inner);
      else if (['oneOf', 'anyOf'].includes(key) && Array.isArray(value))
        out[key] = value.map((sub) => this.inline(sub, inner));
      else out[key] = value;
    }
    return out;
  }
}

const jsonMedia = (doc: Doc, content: unknown): JsonSchema | undefined => {
  const media = follow(doc, isObj(content) ? content['application/json'] : undefined);
  return isObj(media) ? media : undefined;
};

/** Extracts the facts of the operations of `doc` whose keys (`operationKey`) are in `keys`, in `keys` order. */
export function extractContract(doc: Doc, keys: readonly string[]): ContractFacts {
  const inliner = new Inliner(doc);
  const found = new Map<string, FactOperation>();
  const requestExamples: Record<string, Record<string, unknown>> = {};
  for (const [path, rawItem] of Object.entries(isObj(doc.paths) ? doc.paths : {})) {
    const item = follow(doc, rawItem);
    if (!isObj(item)) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'patch']) {
      const op = follow(doc, item[method]);
      if (!isObj(op) || !keys.includes(operationKey(method, path))) continue;
      const operationId = String(op.operationId);
      const parameters = [...asArray(item.parameters), ...asArray(op.parameters)]
        .map((raw) => follow(doc, raw))
        .filter(isObj)
        .map((p) => ({
          name: String(p.name),
          in: String(p.in),
          required: p.required === true,
          schema: inliner.inline(p.schema ?? {}),
        }));
      const fact: FactOperation = { method, path, operationId, parameters, responses: {} };
      const body = follow(doc, op.requestBody);
      const media = isObj(body) ? jsonMedia(doc, body.content) : undefined;
      if (isObj(body) && media) {
        fact.requestBody = { required: body.required === true, schema: inliner.inline(media.schema ?? {}) };
        const named = Object.entries(isObj(media.examples) ? media.examples : {});
        for (const [exampleName, raw] of named) {
          const example = follow(doc, raw);
          if (!isObj(example) || !('value' in example)) continue;
          requestExamples[operationId] = { ...requestExamples[operationId], [exampleName]: example.value };
        }
      }
      for (const [status, raw] of Object.entries(isObj(op.responses) ? op.responses : {})) {
        const response = follow(doc, raw);
        const schema = isObj(response) ? jsonMedia(doc, response.content)?.schema : undefined;
        fact.responses[status] = schema === undefined ? null : inliner.inline(schema);
      }
      found.set(operationKey(method, path), fact);
    }
  }
  const operations = keys.flatMap((key) => found.get(key) ?? []);
  return { operations, schemas: inliner.schemas, requestExamples };
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
