import { readFile } from 'node:fs/promises';
import { fail, type Result } from '../shared/result.ts';
import { buildSpec } from './build-spec.ts';
import { DEFAULT_SPEC_PATH } from './default-spec-path.ts';
import { parseDescription } from './parse-description.ts';
import type { LoadedSpec } from './types.ts';

export { buildSpec } from './build-spec.ts';
export { DEFAULT_SPEC_PATH } from './default-spec-path.ts';

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

/** `loadSpec` once the file is read: `source` names it in errors. */
export async function buildSpecFromText(text: string, source: string): Promise<Result<LoadedSpec, string>> {
  const document = parseDescription(text);
  if (!document.ok) return fail(`spec: ${source} is not valid YAML or JSON: ${document.error}`);
  return buildSpec(document.value, source);
}
