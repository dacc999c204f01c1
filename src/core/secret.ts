import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { createCursorSecret } from '../store/index.ts';
import type { Fixture } from './fixtures.ts';

/**
 * The key that signs `nextToken`s: random per process without `tokenSecret`; with it, derived from
 * it and the data set (seed, sizes, the fixture's content), so tokens survive a restart of the same
 * data and never continue in another. Every adapter given the same inputs makes the same tokens.
 */
export function cursorSecretFor(options: {
  tokenSecret?: string | undefined;
  seed: number;
  accounts: number;
  customers: number;
  fixture?: Fixture | undefined;
}): string {
  const fixture =
    options.fixture === undefined
      ? ''
      : bytesToHex(sha256(utf8ToBytes(JSON.stringify(options.fixture)))).slice(0, 32);
  return createCursorSecret({
    ...(options.tokenSecret !== undefined ? { tokenSecret: options.tokenSecret } : {}),
    dataSet: JSON.stringify([options.seed, options.accounts, options.customers, fixture]),
  });
}
