import type { JsonSchema, SpecMedia, SpecOperation } from './types.ts';

/** An operation's key among prepared validators: `GET /accounts/{account_id}`. */
export const operationKey = (operation: Pick<SpecOperation, 'method' | 'path'>): string =>
  `${operation.method.toUpperCase()} ${operation.path}`;

/** The key of a parameter's validator among its operation's: `query:pageSize`, `path:account_id`. */
export const parameterKey = (parameter: { in: string; name: string }): string =>
  `${parameter.in}:${parameter.name}`;

export const BODY_KEY = 'body';

/**
 * The schemas a request of `operation` is validated with, by key (path and query parameters, and the
 * JSON body): one list for the build-time generator and for compiling at run time, so both make
 * the same validators.
 */
export function requestSchemasOf(operation: SpecOperation): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path' || parameter.in === 'query')
      schemas[parameterKey(parameter)] = parameter.schema;
  }
  const body = jsonMediaOf(operation.requestBody?.content)?.schema;
  if (body) schemas[BODY_KEY] = body;
  return schemas;
}

/** The body's JSON media: `application/json`, else the first `+json` type (`merge-patch+json`). */
export function jsonMediaOf(content: Record<string, SpecMedia> | undefined): SpecMedia | undefined {
  if (!content) return undefined;
  const type =
    Object.keys(content).find((t) => t === 'application/json') ?? Object.keys(content).find(isJsonType);
  return type === undefined ? undefined : content[type];
}

/** `application/json` or any `type/subtype+json`, parameters ignored. */
export function isJsonType(mediaType: string): boolean {
  const type = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  return type === 'application/json' || /^[a-z0-9!#$&^_.-]+\/[a-z0-9!#$&^_.+-]+\+json$/.test(type);
}
