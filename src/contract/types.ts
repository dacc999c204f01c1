import type { HttpMethod, SpecOperation } from '../spec/types.ts';

/** Stable ids: each is a check's CLI `--checks` name and its name in every report. */
export const CHECK_IDS = [
  'not-a-server-error',
  'status-code-conformance',
  'content-type-conformance',
  'response-headers-conformance',
  'response-schema-conformance',
  'auth-enforced',
  'invalid-input-rejected',
  'valid-input-accepted',
  'pagination',
  'stateful-lifecycle',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

/**
 * `per-token`: a well-formed but unknown token is not expected to fail, because a server may treat
 * every token as its own tenant (our mock does). Missing and malformed `Authorization` must still 401.
 * `strict`: a well-formed wrong token must also answer 401.
 */
export type AuthMode = 'per-token' | 'strict';

/** A request as sent, with the token already replaced by `$TOGAI_TOKEN`. */
export interface RecordedRequest {
  method: Uppercase<HttpMethod>;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as text, exactly as received: judged raw, scrubbed only in what is reported. */
  bodyText: string;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  json?: unknown;
}

export interface Exchange {
  request: RecordedRequest;
  response: RecordedResponse;
}

export interface CheckFailure {
  message: string;
  request?: RecordedRequest;
  response?: { status: number; contentType?: string; excerpt: string };
  /** JSON pointer into the response body. */
  instancePath?: string;
  /** Where in the spec the failing keyword lives. */
  schemaPath?: string;
  keyword?: string;
  curl?: string;
}

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckOutcome {
  operationId: string;
  method: Uppercase<HttpMethod>;
  path: string;
  check: CheckId;
  status: CheckStatus;
  /** Why a check was skipped for this operation. */
  reason?: string;
  failures: CheckFailure[];
  /** Failures beyond the per-outcome cap, counted but not kept. */
  omittedFailures: number;
}

export interface ContractResult {
  ok: boolean;
  baseUrl: string;
  seed: number;
  writes: boolean;
  authMode: AuthMode;
  interrupted: boolean;
  requests: number;
  durationMs: number;
  outcomes: CheckOutcome[];
  totals: Record<CheckStatus, number>;
  /** Resources the run created and could not delete (ids only). */
  leftovers: string[];
}

export interface ProgressEvent {
  operationId: string;
  check: CheckId;
  done: number;
  total: number;
  requests: number;
}

export interface ReportTarget {
  format: 'junit' | 'json';
  file: string;
}

export interface ContractOptions {
  baseUrl: string;
  /** Defaults to the TOGAI_TOKEN environment variable. */
  token?: string;
  specPath?: string;
  writes?: boolean;
  checks?: readonly CheckId[];
  /** operationIds to run; all when absent. */
  operations?: readonly string[];
  seed?: number;
  timeoutMs?: number;
  retries?: number;
  /** Requests per second; 0 or absent means unlimited. */
  rateLimit?: number;
  maxPages?: number;
  authMode?: AuthMode;
  /** Longest wait honoured for a 429's Retry-After, in ms. */
  maxRetryAfterMs?: number;
  reports?: readonly ReportTarget[];
  onProgress?: (event: ProgressEvent) => void;
  /** Aborting stops new checks; resources already created are still deleted. */
  signal?: AbortSignal;
}

export type { SpecOperation };
