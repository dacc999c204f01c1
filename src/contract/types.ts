import type { HttpMethod, SpecOperation } from '../spec/types.ts';

import type { CheckId } from './checks/registry.ts';

export type { CheckId };

/** How inputs are made: the spec's own examples, boundary coverage, seeded fuzzing, stateful sequences. */
export const PHASE_IDS = ['examples', 'coverage', 'fuzzing', 'stateful'] as const;
export type PhaseId = (typeof PHASE_IDS)[number];

/** What an outcome is charged to: a check, or `setup` (test data the runner built, such as a create). */
export type OutcomeLabel = CheckId | 'setup';

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
  /** From the first byte sent to the last byte received, by the run's clock. */
  elapsedMs?: number;
}

/** What a probe expected, kept with its failure so `contract replay` can judge the answer again. */
export type Expectation =
  | { kind: 'accept'; mayBeMissing?: boolean; mayConflict?: boolean }
  | { kind: 'reject' }
  | { kind: 'status'; statuses: number[]; label: string; allow?: string[] };

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
  /** Stable within a report: `contract replay <caseId>` re-sends this request. */
  caseId?: string;
  expect?: Expectation;
}

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckOutcome {
  operationId: string;
  method: Uppercase<HttpMethod>;
  path: string;
  check: OutcomeLabel;
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
  /** Requests that differ in method, URL, headers or body: retries and repeated walks count once. */
  distinctRequests: number;
  durationMs: number;
  phases: PhaseId[];
  /** True when --max-time stopped the run before every phase was done (not a failure). */
  timedOut: boolean;
  outcomes: CheckOutcome[];
  coverage: OperationCoverage[];
  totals: Record<CheckStatus, number>;
  /** Resources the run created and could not delete (ids only). */
  leftovers: string[];
  /** Faults of the runner itself on an operation (its checks are skipped, saying so); empty normally. */
  runnerErrors: string[];
}

/** Which operations a run exercised, and why the others were not. */
export interface OperationCoverage {
  operationId: string;
  method: Uppercase<HttpMethod>;
  path: string;
  status: 'exercised' | 'skipped';
  requests: number;
  /** Why nothing was sent (filtered out, read-only, --max-time...). */
  reason?: string;
  phases: PhaseId[];
}

export interface ProgressEvent {
  operationId: string;
  phase: PhaseId;
  done: number;
  total: number;
  requests: number;
}

export interface ReportTarget {
  format: 'junit' | 'json' | 'har';
  file: string;
}

/** Selects operations; an operation is run when it matches an include (or none is given) and no exclude. */
export interface OperationFilter {
  /** Path templates, exactly or as a prefix ending in `*` (`/accounts*`). */
  paths?: readonly string[];
  methods?: readonly string[];
  tags?: readonly string[];
  operationIds?: readonly string[];
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
  include?: OperationFilter;
  exclude?: OperationFilter;
  /** All four by default. */
  phases?: readonly PhaseId[];
  /** Fuzzing cases per operation when no --max-time is given. */
  fuzzRuns?: number;
  /** Whole-run budget: fuzzing keeps going until it, and nothing new starts after it. */
  maxTimeMs?: number;
  /** A response slower than this fails `max-response-time`; the check is skipped without it. */
  maxResponseTimeMs?: number;
  /** Injected in tests; measures response times and the run budget. */
  now?: () => number;
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
