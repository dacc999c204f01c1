/**
 * Cheap, faker-free derivations from (seed, index): the ordered id index of a million accounts
 * is built from these at start-up, so they must cost a few integer operations each.
 */

// Base32 with its digits first, so that string order of ids equals numeric order of what they encode.
const BASE32 = '234567ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const BASE32_VALUE = new Map([...BASE32].map((char, value) => [char, value]));
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A 32-bit avalanche mix (lowbias32). Every step is invertible, so it is a bijection on uint32. */
export function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/** The inverse of `mix32`: lets the seeded index be recovered from an id without a lookup table. */
export function unmix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x43021123) >>> 0;
  x ^= (x >>> 15) ^ (x >>> 30);
  x = Math.imul(x, 0x1d69e2a5) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/** A per-entity seed for faker: distinct streams per (seed, kind, index). */
export function entitySeed(seed: number, kind: number, index: number): number {
  return mix32(mix32(seed ^ Math.imul(kind, 0x9e3779b9)) ^ mix32(index + 0x632be5ab));
}

/** FNV-1a over a string's UTF-16 code units: deterministic ids for entities created at run time. */
export function hashString(text: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return mix32(h);
}

function toBase36(value: number, width: number): string {
  let out = '';
  let v = value >>> 0;
  for (let i = 0; i < width; i++) {
    out = BASE36[v % 36] + out;
    v = Math.floor(v / 36);
  }
  return out;
}

const idKey = (seed: number): number => mix32(seed ^ 0x5bd1e995);

/** The sort key of seeded account `index`: a keyed bijection, so distinct indexes never collide. */
export const seededAccountRank = (seed: number, index: number): number => mix32(index ^ idKey(seed));

/** The inverse of `seededAccountRank`. */
export const seededAccountIndex = (seed: number, rank: number): number => (unmix32(rank) ^ idKey(seed)) >>> 0;

const CODES = Array.from(BASE32, (char) => char.charCodeAt(0));
const idCodes: number[] = new Array(25).fill(0);

/**
 * The id of the seeded account with sort key `rank`: 25 base32 characters like the docs'
 * `G234DZZKBKACATFFGVGEMERFI`. Characters 0–6 encode `rank * 8 + 3 noise bits`, so ids are unique
 * and sort (as strings) exactly like their ranks; the other 18 characters are noise.
 */
export function seededAccountIdFromRank(seed: number, rank: number): string {
  let noise = mix32(rank ^ idKey(seed) ^ 0x27d4eb2f);
  let head = rank * 8 + (noise & 7);
  for (let i = 6; i >= 0; i--) {
    idCodes[i] = CODES[head % 32] ?? 0;
    head = Math.floor(head / 32);
  }
  for (let i = 0; i < 18; i++) {
    if (i % 6 === 0) noise = mix32(noise + i);
    idCodes[7 + i] = CODES[(noise >>> ((i % 6) * 5)) & 31] ?? 0;
  }
  return String.fromCharCode(...idCodes);
}

/** The rank a seeded-looking id encodes, or -1 when `id` cannot be a seeded account id. */
export function rankOfSeededId(id: string): number {
  if (id.length !== 25) return -1;
  let head = 0;
  for (let i = 0; i < 7; i++) {
    const value = BASE32_VALUE.get(id.charAt(i));
    if (value === undefined) return -1;
    head = head * 32 + value;
  }
  return Math.floor(head / 8);
}

/** `account.<9>.<6>` / `customer.<9>.<6>`, the shape of the docs' `account.dsvvre314.dcs314`. */
export function togaiId(kind: 'account' | 'customer', a: number, b: number): string {
  return `${kind}.${toBase36(a, 7)}${toBase36(b & 0xffff, 2)}.${toBase36(b >>> 8, 6)}`;
}

/** A togai id for an entity created at run time, derived from its id so tests stay deterministic. */
export function togaiIdFor(kind: 'account' | 'customer', id: string): string {
  return togaiId(kind, hashString(id, 1), hashString(id, 2));
}

/** Code-point order; one implementation for the store, the runner and the tests. */
export { compareIds } from '../shared/compare-ids.ts';

/** Whether `text` has an unpaired UTF-16 surrogate (ES2024's `isWellFormed`, which ES2022 lacks). */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    if (unit > 0xdbff) return true;
    const next = text.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
    i++;
  }
  return false;
}

/**
 * Why a client-chosen id cannot be stored, or undefined. A lone surrogate has no UTF-8 form: the
 * id could be created but never addressed again (every URL form of it is refused), so it is
 * refused at create. Other limits (length, emptiness) are the schema's and checked before this.
 */
export function checkNewId(id: string, field = 'id'): string | undefined {
  return hasLoneSurrogate(id)
    ? `${field}: must not contain a lone surrogate (an unpaired \\uD800–\\uDFFF escape)`
    : undefined;
}
