import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { readSnippet } from './readme-snippets.ts';

/*
 * The README's Vitest global set-up, as printed, run by a nested vitest whose one test injects the
 * URL and reads a page. `togai-accounts-mock` is aliased to our sources, so no build is needed (the
 * packaging test covers the built package).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let dir = '';
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

it('runs the README Vitest global set-up as printed: a test injects the URL and reads a page', async () => {
  dir = await mkdtemp(join(tmpdir(), 'togai-vitest-setup-'));
  await mkdir(join(dir, 'test'));
  await writeFile(join(dir, 'test/togai-mock.ts'), await readSnippet('test/togai-mock.ts'));
  await writeFile(
    join(dir, 'vitest.config.mjs'),
    `export default {
  resolve: { alias: { 'togai-accounts-mock': ${JSON.stringify(join(ROOT, 'src/index.ts'))} } },
  test: { include: ['test/*.test.ts'], globalSetup: ['./test/togai-mock.ts'] },
};
`,
  );
  await writeFile(
    join(dir, 'test/accounts.test.ts'),
    `import { expect, inject, it } from 'vitest';
it('reaches the mock', async () => {
  const res = await fetch(inject('togaiUrl') + '/accounts?pageSize=1', { headers: { authorization: 'Bearer vitest-token' } });
  expect(res.status).toBe(200);
});
`,
  );
  const vitest = join(ROOT, 'node_modules/vitest/vitest.mjs');
  const run = await new Promise<{ code: number; out: string }>((resolve) => {
    execFile(
      process.execPath,
      [vitest, 'run', '--root', dir],
      { cwd: dir, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
    );
  });
  expect(run.code, run.out).toBe(0);
  expect(run.out).toMatch(/Tests\s+.*1 passed/);
});
