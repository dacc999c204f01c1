import type { ValidateFunction } from 'ajv';

/** A JSON Schema as found in the (dereferenced, normalized) spec. */
export type JsonSchema = { [key: string]: unknown };

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
  example?: unknown;
}

export interface SpecHeader {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface SpecMedia {
  schema?: JsonSchema;
  example?: unknown;
  /** The named examples (`examples: {Name: {value}}`), by name. */
  examples?: Record<string, unknown>;
}

export interface SpecResponse {
  /** Response headers by lower-case name. */
  headers: SpecHeader[];
  /** Media by content type. */
  content: Record<string, SpecMedia>;
}

export interface SpecRequestBody {
  required: boolean;
  content: Record<string, SpecMedia>;
}

/**
 * One way to authenticate, as the mock reads a `securitySchemes` entry: an `Authorization` scheme
 * (`bearer` also for OAuth2 and OpenID Connect), or an API key in a header, the query or a cookie.
 */
export type SecurityScheme =
  | { name: string; kind: 'http'; scheme: string }
  | { name: string; kind: 'apiKey'; in: 'header' | 'query' | 'cookie'; param: string };

/** One operation of the spec, with every `$ref` resolved: nothing downstream reads raw OpenAPI. */
export interface SpecOperation {
  operationId: string;
  method: HttpMethod;
  /** The OpenAPI path template, e.g. `/accounts/{account_id}`. */
  path: string;
  summary?: string;
  parameters: SpecParameter[];
  requestBody?: SpecRequestBody;
  /** By status code (`'200'`) or `'default'`. */
  responses: Record<string, SpecResponse>;
  /** True when the operation requires credentials (none of its security alternatives is empty). */
  requiresAuth: boolean;
  /**
   * The credentials it accepts: alternatives, any one of which will do, each needing all its
   * schemes; empty when none are declared. Absent in hand-built operations: a bearer token then.
   */
  security?: SecurityScheme[][];
  /** True for cursor-paginated lists (a `nextToken` query parameter and a `data` array). */
  paginated: boolean;
}

export interface LoadedSpec {
  /** The parsed document, `$ref`s intact (for Prism and for serving at /docs). */
  document: Record<string, unknown>;
  /** The document with every `$ref` resolved (schemas as written; the operations' schemas are the normalized ones). */
  dereferenced: Record<string, unknown>;
  operations: SpecOperation[];
  /** `components.schemas` by name, dereferenced and normalized like the operations' schemas. */
  schemas: Record<string, JsonSchema>;
  title: string;
  version: string;
  /**
   * Validators prepared ahead of time (generated at build time for the bundled spec, or read from the
   * disk cache of a `--spec` file); absent, the core compiles them with ajv on each operation's first request.
   */
  validators?: PreparedValidators;
}

/** ajv validation functions, standalone or compiled: `validate(value)`, then `validate.errors`. */
export type Validate = ValidateFunction;

/** Request validators by part (`query:pageSize`, `path:account_id`, `body`: see request-schemas.ts). */
export type RequestParts = Readonly<Record<string, Validate>>;

/** Validators made before the process needed them. */
export interface PreparedValidators {
  /** One operation's request validators, or undefined when this set has none for it (then they are compiled). */
  forOperation(operation: SpecOperation): RequestParts | undefined | Promise<RequestParts | undefined>;
  /** The fixture format's validator, arrays uncapped (the caller checks their lengths). */
  fixture?: Validate;
}
