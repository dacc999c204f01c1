import type { ApiError } from './errors.ts';

/** The outcome of reading a request body, bounded by `limit` bytes. */
export type BodyRead =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'too-large' | 'aborted' | 'length-mismatch' | 'unsupported-encoding' };

/**
 * Reads the body when the core asks for it (after auth, never before), stopping past `limit`
 * bytes. An adapter that already holds the bytes passes them instead of a reader.
 */
export type BodyReader = (limit: number) => Promise<BodyRead>;

/**
 * A request as the core sees it: plain values an adapter builds from whatever its framework has.
 * `path` is the URL path as sent (still percent-encoded), without the query string.
 */
export interface CoreRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Header names in lower case; a repeated header joined as HTTP joins it. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Absent when no body follows the headers. */
  body?: Uint8Array | BodyReader;
}

/**
 * A body produced piece by piece (`GET /__admin/export`): UTF-8 chunks, pulled one at a time, so
 * the whole is never one string. The producer pauses between slices of work, and stops when the
 * consumer stops pulling (`return()`), e.g. when the client goes away. The Node adapter pipes it
 * with backpressure; a web adapter wraps it with `toReadableStream` (chunked-body.ts).
 */
export type ChunkedBody = AsyncIterable<Uint8Array>;

/**
 * An answer. `body` is JSON text (or bytes) already serialized, or a `ChunkedBody` to stream
 * (its length unknown in advance: no `content-length`); absent for none.
 */
export interface CoreResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Uint8Array | ChunkedBody;
}

/**
 * A network failure for the adapter to realize: `reset` drops the connection now, `timeout`
 * holds it `holdMs` and then drops it (`Prefer: fail=reset|timeout`).
 */
export interface Fault {
  fault: 'reset' | 'timeout';
  holdMs: number;
}

export type CoreAnswer = CoreResponse | Fault;

export const isFault = (answer: CoreAnswer): answer is Fault => 'fault' in answer;

export type MaybePromise<T> = T | Promise<T>;

/** What the fallback mocker receives: the request, its JSON body already parsed. */
export interface FallbackRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
}

/** A fallback's answer; an error status carries `{message}` in `body`. */
export interface FallbackResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** `Prefer` controls a mocker understands (`code`, `example`, `dynamic`). */
export interface MockPreferences {
  code?: number;
  example?: string;
  dynamic?: boolean;
}

/** Answers operations the store does not implement (and forced `Prefer: code|example|dynamic`). */
export type Fallback = (request: FallbackRequest, prefer: MockPreferences) => Promise<FallbackResponse>;

export type { ApiError };
