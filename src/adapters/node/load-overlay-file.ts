import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fail, ok, type Result } from '../../shared/result.ts';
import { OVERLAY_FILE, type ResourceOverlay, readOverlay } from '../../spec/resources/resource-overlay.ts';

/**
 * Reads the overlay that corrects a description's inferred resources: `file` when given (it must
 * exist), else `togai-mock.resources.json` beside the description when there is one.
 */
export async function loadOverlayFile(
  specPath: string,
  file?: string,
): Promise<Result<ResourceOverlay, string>> {
  const path = file ?? join(dirname(specPath), OVERLAY_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (file === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return ok({});
    return fail(`cannot read ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(`${path} is not JSON: ${(error as Error).message}`);
  }
  return readOverlay(value, path);
}
