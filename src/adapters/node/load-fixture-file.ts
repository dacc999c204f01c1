import { readFile } from 'node:fs/promises';
import { type Fixture, fixtureValidatorFor } from '../../core/index.ts';
import type { LoadedSpec } from '../../spec/types.ts';

/** Reads and validates a fixture file; throws with a message naming the file and the field. */
export async function loadFixtureFile(path: string, spec: LoadedSpec): Promise<Fixture> {
  let body: unknown;
  try {
    body = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`fixture: cannot read ${path}: ${(error as Error).message}`);
  }
  const fixture = (await fixtureValidatorFor(spec))(body);
  if (!fixture.ok) throw new Error(`fixture ${path}: ${fixture.error.message}`);
  return fixture.value;
}
