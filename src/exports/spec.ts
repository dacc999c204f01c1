import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the OpenAPI document the package serves and checks against, for tools that take a
 * file (Prism, Redocly, `runContract({ specPath })`). The same file is exported raw as
 * `togai-accounts-mock/spec/openapi.yaml`.
 */
export const specPath: string = fileURLToPath(new URL('../../spec/openapi.yaml', import.meta.url));
