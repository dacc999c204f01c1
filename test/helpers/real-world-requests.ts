import fc from 'fast-check';
import { arbitraryFor, arbitraryForParam } from '../../src/contract/schema/schema-arbitrary.ts';
import type { CoreRequest } from '../../src/core/index.ts';
import { jsonMediaOf } from '../../src/spec/json-media.ts';
import type { JsonSchema, SecurityScheme, SpecOperation } from '../../src/spec/types.ts';

/** The credential every request of the corpus tests sends, whatever the scheme carries it. */
export const CREDENTIAL = 'corpus-credential';

const asText = (value: unknown): string =>
  value === null || value === undefined
    ? 'x'
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/** One value of a schema, the same every run (the runner's generators, seeded). */
const one = (arbitrary: fc.Arbitrary<unknown>): unknown => fc.sample(arbitrary, { seed: 7, numRuns: 1 })[0];
const paramValue = (schema: JsonSchema): string => {
  const value = one(arbitraryForParam(schema));
  return Array.isArray(value) ? value.map(asText).join(',') : asText(value);
};

/** Headers and query parameters carrying `CREDENTIAL` the way each scheme of one alternative wants it. */
export function credentialsFor(schemes: readonly SecurityScheme[]): {
  headers: Record<string, string>;
  query: Record<string, string>;
} {
  const headers: Record<string, string> = {};
  const query: Record<string, string> = {};
  for (const scheme of schemes) {
    if (scheme.kind === 'http')
      headers.authorization = `${scheme.scheme === 'basic' ? 'Basic' : scheme.scheme === 'bearer' ? 'Bearer' : scheme.scheme} ${scheme.scheme === 'basic' ? btoa(`${CREDENTIAL}:pw`) : CREDENTIAL}`;
    else if (scheme.in === 'header') headers[scheme.param.toLowerCase()] = CREDENTIAL;
    else if (scheme.in === 'query') query[scheme.param] = CREDENTIAL;
    else headers.cookie = `${headers.cookie ? `${headers.cookie}; ` : ''}${scheme.param}=${CREDENTIAL}`;
  }
  return { headers, query };
}

/**
 * A request a generated client could send to `op`: path parameters from their examples or
 * schemas, required query parameters and headers, the first security alternative's credentials,
 * and a JSON body from the request's example or schema. Under `base` when given.
 */
export function requestFor(op: SpecOperation, base = ''): CoreRequest {
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const param of op.parameters) {
    const value = param.example !== undefined ? asText(param.example) : paramValue(param.schema);
    if (param.in === 'path') path = path.replace(`{${param.name}}`, encodeURIComponent(value || 'x'));
    else if (param.required && param.in === 'query') query.set(param.name, value);
    else if (param.required && param.in === 'header') headers[param.name.toLowerCase()] = value;
  }
  const credentials = credentialsFor(op.security?.[0] ?? []);
  Object.assign(headers, credentials.headers);
  for (const [name, value] of Object.entries(credentials.query)) query.set(name, value);
  const media = jsonMediaOf(op.requestBody?.content);
  let body: Uint8Array | undefined;
  if (op.requestBody) {
    const value = media ? (media.example ?? one(arbitraryFor(media.schema ?? {}))) : {};
    body = new TextEncoder().encode(JSON.stringify(value));
    headers['content-type'] = 'application/json';
  }
  return {
    method: op.method.toUpperCase(),
    path: `${base}${path}`,
    query,
    headers,
    ...(body ? { body } : {}),
  };
}
