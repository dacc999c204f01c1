import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/**
 * Togai's published description: the repository's copy when it has one, else the one beside the
 * checkout (`../shared/togai-published/`, where CI lays it). Undefined when neither is there.
 */
export const PUBLISHED_DESCRIPTION: string | undefined = [
  root('fixtures/published/openapi.yaml'),
  root('../shared/togai-published/openapi.yaml'),
].find((path) => existsSync(path));
