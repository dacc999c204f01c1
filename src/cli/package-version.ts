import { readFileSync } from 'node:fs';

/**
 * The version in our package.json. Read at run time rather than imported: package.json sits outside
 * the compiled tree, and this file is two levels below the package root both as `src/cli/*.ts` and as
 * `dist/cli/*.js`.
 */
export function readPackageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
