import { fileURLToPath } from 'node:url';

/** The spec shipped with the package: the default for the server and the contract runner. */
export const DEFAULT_SPEC_PATH = fileURLToPath(new URL('../../spec/openapi.yaml', import.meta.url));
