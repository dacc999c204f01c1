import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { fail, type Result } from '../shared/result.ts';
import { buildSpec } from './build-spec.ts';
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
  return buildSpecFromText(text, path);
}

/**
 * `loadSpec` once the file is read: `source` names it in errors. The YAML parser is imported here,
 * when a description is parsed, so that importing this module (for `DEFAULT_SPEC_PATH`) costs none.
 */
export async function buildSpecFromText(text: string, source: string): Promise<Result<LoadedSpec, string>> {
  const { parseDescription } = await import('./parse-description.ts');
  const document = parseDescription(text);
  if (!document.ok) return fail(`spec: ${source} is not valid YAML or JSON: ${document.error}`);
  return buildSpec(document.value, source);
}
