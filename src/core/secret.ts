import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The key that signs `nextToken`s, derived from the data set: the same seed and size give the same
 * tokens byte for byte, in the server and in-process alike, and across restarts.
 */
export const deriveSecret = (seed: number, accounts: number): string =>
  bytesToHex(sha256(utf8ToBytes(`togai-mock:${seed}:${accounts}`)));
