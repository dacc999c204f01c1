import { normalizeSchema } from './normalize-schema.ts';
import { readRequirements, readSecuritySchemes } from './read-security.ts';
import type {
  HttpMethod,
  JsonSchema,
  LoadedSpec,
  SpecHeader,
  SpecMedia,
  SpecOperation,
  SpecParameter,
  SpecResponse,
} from './types.ts';

const METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

export type Obj = Record<string, unknown>;
export const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const asObj = (value: unknown): Obj => (isObj(value) ? value : {});

/**
 * The operation model from a checked OpenAPI 3.x document and its dereferenced copy: synchronous
 * and free of any `$ref` resolver, so a build that prepared the document ahead (the browser
 * entry) needs neither the file system nor the parser.
 */
export function buildOperations(document: Obj, dereferenced: Obj): LoadedSpec {
  // One memo for the whole document: a schema used by many operations is normalized once and stays
  // one object, as dereferencing left it (the prepared spec then writes it once: graph-json.ts).
  const seen = new WeakMap<object, unknown>();
  const normalize: Normalize = (schema) => normalizeSchema(schema, seen) as JsonSchema;
  const operations: SpecOperation[] = [];
  const globalSecurity = dereferenced.security;
  const schemes = readSecuritySchemes(dereferenced.components);
  for (const [path, rawItem] of Object.entries(asObj(dereferenced.paths))) {
    const item = asObj(rawItem);
    for (const method of METHODS) {
      const rawOp = item[method];
      if (!isObj(rawOp)) continue;
      const operationId = typeof rawOp.operationId === 'string' ? rawOp.operationId : `${method} ${path}`;
      const parameters = mergeParameters(item.parameters, rawOp.parameters, normalize);
      const declared = rawOp.security ?? globalSecurity;
      const security = readRequirements(declared, schemes);
      const responses = Object.fromEntries(
        Object.entries(asObj(rawOp.responses)).map(([status, res]) => [status, toResponse(res, normalize)]),
      );
      const body = isObj(rawOp.requestBody) ? rawOp.requestBody : undefined;
      operations.push({
        operationId,
        method,
        path,
        ...(typeof rawOp.summary === 'string' ? { summary: rawOp.summary } : {}),
        parameters,
        ...(body
          ? { requestBody: { required: body.required === true, content: toContent(body.content, normalize) } }
          : {}),
        responses,
        requiresAuth:
          Array.isArray(declared) &&
          declared.some((req) => Object.keys(asObj(req)).length > 0) &&
          !declared.some((req) => Object.keys(asObj(req)).length === 0),
        security,
        paginated: isPaginated(parameters, responses),
      });
    }
  }
  const info = asObj(document.info);
  const schemas = Object.fromEntries(
    Object.entries(asObj(asObj(dereferenced.components).schemas)).map(([name, schema]) => [
      name,
      normalize(schema),
    ]),
  );
  return {
    document,
    dereferenced,
    operations,
    schemas,
    title: String(info.title ?? ''),
    version: String(info.version ?? ''),
  };
}

type Normalize = (schema: unknown) => JsonSchema;

function mergeParameters(pathLevel: unknown, opLevel: unknown, normalize: Normalize): SpecParameter[] {
  const byKey = new Map<string, SpecParameter>();
  for (const list of [pathLevel, opLevel]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list.map(asObj)) {
      const where = raw.in;
      if (where !== 'path' && where !== 'query' && where !== 'header') continue;
      const param: SpecParameter = {
        name: String(raw.name),
        in: where,
        required: where === 'path' || raw.required === true,
        schema: normalize(asObj(raw.schema)),
        ...(raw.example !== undefined ? { example: raw.example } : {}),
      };
      byKey.set(`${where}:${param.name}`, param);
    }
  }
  return [...byKey.values()];
}

function toContent(raw: unknown, normalize: Normalize): Record<string, SpecMedia> {
  return Object.fromEntries(
    Object.entries(asObj(raw)).map(([type, media]) => {
      const m = asObj(media);
      const named = Object.entries(asObj(m.examples)).map(([name, e]) => [name, asObj(e).value] as const);
      const example = m.example ?? named[0]?.[1] ?? asObj(m.schema).example;
      return [
        type,
        {
          ...(isObj(m.schema) ? { schema: normalize(m.schema) } : {}),
          ...(example !== undefined ? { example } : {}),
          ...(named.length > 0 ? { examples: Object.fromEntries(named) } : {}),
        },
      ];
    }),
  );
}

function toResponse(raw: unknown, normalize: Normalize): SpecResponse {
  const res = asObj(raw);
  const headers: SpecHeader[] = Object.entries(asObj(res.headers)).map(([name, header]) => ({
    name: name.toLowerCase(),
    required: asObj(header).required === true,
    schema: normalize(asObj(asObj(header).schema)),
  }));
  return { headers, content: toContent(res.content, normalize) };
}

function isPaginated(parameters: SpecParameter[], responses: Record<string, SpecResponse>): boolean {
  if (!parameters.some((p) => p.in === 'query' && p.name === 'nextToken')) return false;
  const ok200 = responses['200']?.content['application/json']?.schema;
  return isObj(ok200) && isObj(asObj(ok200.properties).data);
}
