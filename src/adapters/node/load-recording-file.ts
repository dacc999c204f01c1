import { readFile } from 'node:fs/promises';
import { fixtureFromHar } from '../../core/fixture-from-har.ts';
import { type Fallback, type Fixture, fixtureValidatorFor } from '../../core/index.ts';
import { createRecordedFallback } from '../../core/recorded-fallback.ts';
import type { LoadedSpec } from '../../spec/types.ts';

export interface Recording {
  /** The accounts, customers and aliases the recording saw, as a `replace: true` fixture. */
  fixture: Fixture;
  /** Recorded answers first for operations the store does not implement, then `next`. */
  fallback(next: Fallback): Fallback;
}

/** Reads a HAR recording (`togai-mock proxy --record`); throws with a message naming the file and the field. */
export async function loadRecordingFile(path: string, spec: LoadedSpec): Promise<Recording> {
  let har: unknown;
  try {
    har = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`recording: cannot read ${path}: ${(error as Error).message}`);
  }
  const built = fixtureFromHar(har);
  if (!built.ok) throw new Error(`${path}: ${built.error.message}`);
  const fixture = (await fixtureValidatorFor(spec))(built.value);
  if (!fixture.ok) throw new Error(`recording ${path}: ${fixture.error.message}`);
  // Validated once here; the fallback reads the same document.
  const check = createRecordedFallback(har, async () => ({ status: 501, headers: {}, body: undefined }));
  if (!check.ok) throw new Error(`${path}: ${check.error.message}`);
  return {
    fixture: fixture.value,
    fallback(next) {
      const made = createRecordedFallback(har, next);
      return made.ok ? made.value : next;
    },
  };
}
