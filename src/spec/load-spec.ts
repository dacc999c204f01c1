import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { fail, type Result } from '../shared/result.ts';
import { buildSpec } from './build-spec.ts';
import { parseDescription } from './parse-description.ts';
import type { LoadedSpec } from './types.ts';

export { buildSpec } from './build-spec.ts';

/** The spec shipped with the package: the default for the server and the contract runner. */
export const DEFAULT_SPEC_PATH = fileURLToPath(new URL('../../spec/openapi.yaml', import.meta.url));

/** Reads, parses and dereferences an OpenAPI 3.x document (YAML or JSON) into plain operations. */
export async function loadSpec(path: string = DEFAULT_SPEC_PATH): Promise<Result<LoadedSpec, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return fail(`spec: cannot read ${path}: ${(error as Error).message}`);
  }
  const document = parseDescription(text);
  if (!document.ok) return fail(`spec: ${path} is not valid YAML or JSON: ${document.error}`);
  return buildSpec(document.value, path);
}
