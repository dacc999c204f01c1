import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PUBLISHED = resolve(ROOT, '..', 'shared', 'togai-published', 'openapi.yaml');

/**
 * Serving Togai's whole published description (issue 9): `bench/published-serve.ts` in a child of
 * its own, so its start-up and peak memory belong to it alone. Its lines become a report section.
 */
export async function measurePublishedServe(log: (line: string) => void): Promise<string> {
  if (!existsSync(PUBLISHED)) {
    return `## Serving Togai's published description\n\nNot measured: ${PUBLISHED} is missing.`;
  }
  const output = await new Promise<string>((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'bench/published-serve.ts', PUBLISHED],
      { cwd: ROOT, timeout: 180_000 },
      (error, stdout, stderr) => done(error ? `failed: ${error.message}\n${stderr}` : stdout),
    );
  });
  for (const line of output.trim().split('\n')) log(`  ${line}`);
  const lines = output
    .trim()
    .split('\n')
    .map((line) => `- ${line}`);
  return `## Serving Togai's published description\n\n${lines.join('\n')}`;
}
