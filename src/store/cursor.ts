import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { fail, ok, type Result } from '../shared/result.ts';
import { type DomainError, domainError } from './errors.ts';
import { hasLoneSurrogate } from './ids.ts';
import type { SortOrder } from './types.ts';

/** What a `nextToken` carries: the list it pages, the last item returned, and the page's shape. */
export interface CursorState {
  list: string;
  lastItemId: string;
  pageSize: number;
  sortOrder: SortOrder;
}

/** The `pageSize` the operation accepts as a query parameter: a token must fit the same bounds. */
export interface PageSizeBounds {
  minimum: number;
  maximum: number;
}

/** Matches the spec's `nextToken` maxLength; longer input is rejected before any decoding. */
export const MAX_TOKEN_LENGTH = 1024;
/** No id the store hands out is longer (the schemas cap ids at 50; alias ids are UUIDs). */
const MAX_ID_LENGTH = 255;
const SIG_LENGTH = 16;
const EPOCH_LENGTH = 8;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const KEYS = ['lastItemId', 'pageSize', 'sortOrder', 'list', 'epoch', 'sig'];

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The key tokens are signed with, as hex. Without `tokenSecret` it is random per process: nobody
 * can forge a token, and no token outlives a restart. With one (the operator's `--token-secret`),
 * it is an HMAC of the data set's description under that secret, so tokens survive a restart of
 * the same data set and never continue in another one. Nothing published (seed, sizes) gives it.
 */
export function createCursorSecret(options: {
  tokenSecret?: string;
  dataSet: string;
  randomBytes?: (length: number) => Uint8Array;
}): string {
  if (options.tokenSecret !== undefined) {
    const label = encoder.encode(`togai-mock nextToken key\u0000${options.dataSet}`);
    return bytesToHex(hmac(sha256, encoder.encode(options.tokenSecret), label));
  }
  const random = options.randomBytes ?? ((length) => crypto.getRandomValues(new Uint8Array(length)));
  return bytesToHex(random(32));
}

interface Keyed {
  secret: string;
  /** HMAC keyed once: cloning it skips hashing the key's pads for every token. */
  keyed: ReturnType<typeof hmac.create>;
  /** Public and derived from the key: tells a token of another run or data set from a forged one. */
  epoch: string;
  /** Signatures made under this key, by the text they sign. */
  signed: Map<string, string>;
}

// Signatures kept per key: a pure function of a page's position, and clients ask for the same
// positions again and again (first pages; a walk each test repeats), so the HMAC (~4 µs of a ~90 µs
// list request) becomes a lookup. Dropped whole when full.
const SIGNED_MAX = 4096;

// One server uses one secret: remembering the last one spares an HMAC per token.
let keyed: Keyed | undefined;

function keyOf(secret: string): Keyed {
  if (keyed?.secret !== secret) {
    const key = encoder.encode(secret);
    const epoch = toBase64Url(hmac(sha256, key, encoder.encode('epoch'))).slice(0, EPOCH_LENGTH);
    keyed = { secret, keyed: hmac.create(sha256, key), epoch, signed: new Map() };
  }
  return keyed;
}

/** The signature covers every field, in a fixed order, so no field can be edited alone. */
function sign(state: CursorState, { keyed: key, epoch, signed }: Keyed): string {
  const canonical = JSON.stringify([state.list, state.lastItemId, state.pageSize, state.sortOrder, epoch]);
  let sig = signed.get(canonical);
  if (sig === undefined) {
    sig = toBase64Url(key.clone().update(encoder.encode(canonical)).digest()).slice(0, SIG_LENGTH);
    if (signed.size >= SIGNED_MAX) signed.clear();
    signed.set(canonical, sig);
  }
  return sig;
}

/** Base64 of `{"lastItemId","pageSize","sortOrder","list","epoch","sig"}`, the API's own token style. */
export function encodeCursor(state: CursorState, secret: string): string {
  const key = keyOf(secret);
  const { epoch } = key;
  const body = {
    lastItemId: state.lastItemId,
    pageSize: state.pageSize,
    sortOrder: state.sortOrder.toLowerCase(),
    list: state.list,
    epoch,
    sig: sign(state, key),
  };
  return toBase64(encoder.encode(JSON.stringify(body)));
}

const invalid = (reason: string): { ok: false; error: DomainError } =>
  fail(domainError('INVALID_TOKEN', `nextToken: ${reason}`));

/**
 * Parses an untrusted token for the list `list` of an operation whose `pageSize` has `bounds`.
 * Every field is checked as strictly as a query parameter would be, and a token of another run
 * or data set is told apart. Every failure is an INVALID_TOKEN value with its reason; never throws.
 */
export function decodeCursor(
  token: string,
  list: string,
  secret: string,
  bounds: PageSizeBounds,
): Result<CursorState, DomainError> {
  const parsed = parseBody(token);
  if (!parsed.ok) return parsed;
  const { lastItemId, pageSize, sortOrder, list: tokenList, epoch, sig } = parsed.value;
  if (typeof lastItemId !== 'string' || lastItemId.length === 0)
    return invalid('lastItemId must be a non-empty string');
  if (lastItemId.length > MAX_ID_LENGTH || hasLoneSurrogate(lastItemId))
    return invalid('lastItemId is not an id this server hands out');
  if (typeof pageSize !== 'number' || !Number.isSafeInteger(pageSize) || pageSize < 1)
    return invalid('pageSize must be a positive integer');
  if (sortOrder !== 'asc' && sortOrder !== 'desc') return invalid('sortOrder must be "asc" or "desc"');
  // The API's own example token, or one made by hand: say what a token must be.
  if (tokenList === undefined && epoch === undefined && sig === undefined)
    return invalid('was not issued by this server; send the nextToken of the previous page unchanged');
  if (typeof tokenList !== 'string') return invalid('list must be a string');
  if (typeof epoch !== 'string') return invalid('has no epoch');
  if (typeof sig !== 'string') return invalid('has no signature');
  const key = keyOf(secret);
  if (epoch !== key.epoch) {
    return invalid(
      'was issued by an earlier run of the server or for another data set; request the first page again without nextToken',
    );
  }
  const state: CursorState = {
    list: tokenList,
    lastItemId,
    pageSize,
    sortOrder: sortOrder === 'asc' ? 'ASC' : 'DESC',
  };
  if (!equalInConstantTime(sig, sign(state, key)))
    return invalid('signature does not match: the token was altered or not issued by this server');
  if (tokenList !== list)
    return invalid(`belongs to another list ("${tokenList.slice(0, 60)}"), not "${list}"`);
  if (pageSize < bounds.minimum || pageSize > bounds.maximum)
    return invalid(`pageSize must be a whole number from ${bounds.minimum} to ${bounds.maximum}`);
  return ok(state);
}

function parseBody(token: string): Result<Record<string, unknown>, DomainError> {
  if (typeof token !== 'string' || token.length === 0) return invalid('is empty');
  if (token.length > MAX_TOKEN_LENGTH) return invalid(`is longer than ${MAX_TOKEN_LENGTH} characters`);
  if (!BASE64.test(token) || token.length % 4 === 1) return invalid('is not base64');
  let body: unknown;
  try {
    body = JSON.parse(decoder.decode(fromBase64(token)));
  } catch {
    return invalid('is not base64 of a JSON object');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return invalid('is not base64 of a JSON object');
  const fields = body as Record<string, unknown>;
  const extra = Object.keys(fields).find((key) => !KEYS.includes(key));
  if (extra !== undefined) return invalid(`has an unexpected field "${extra.slice(0, 40)}"`);
  return ok(fields);
}

/** Compares without an early exit, so the time taken tells nothing about how much matched. */
function equalInConstantTime(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// btoa/atob exist in browsers, workers and Node ≥ 16; they work on one char per byte.
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const toBase64Url = (bytes: Uint8Array): string =>
  toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Standard or URL-safe base64, padded or not (already checked against `BASE64`). */
function fromBase64(text: string): Uint8Array {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='));
  // A plain loop: `Uint8Array.from` with a mapping function is ~15× slower here.
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
