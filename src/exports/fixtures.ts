import { fileURLToPath } from 'node:url';

const locate = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/sandbox/${name}.json`, import.meta.url));

/**
 * Absolute paths of the sandbox fixtures shipped with the package, for `createMockServer({ fixturePath })`
 * and `togai-mock serve --fixture`: `acme` adds ACME's customers and accounts on top of the seeded data,
 * `acmeOnly` replaces the seeded data with them.
 */
export const sandboxFixtures: { readonly acme: string; readonly acmeOnly: string } = {
  acme: locate('acme'),
  acmeOnly: locate('acme-only'),
};
