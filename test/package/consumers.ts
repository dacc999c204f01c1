/** What a user writes: the files the packaging test runs against the installed package. */

export const CONSUMER_MJS = `import { existsSync } from 'node:fs';
import { createMockServer } from 'togai-accounts-mock';
import { sandboxFixtures } from 'togai-accounts-mock/fixtures';
import { specPath } from 'togai-accounts-mock/spec';

const mock = await createMockServer({ accounts: 12, fixturePath: sandboxFixtures.acme });
const { url, close } = await mock.listen(0, '127.0.0.1');
const res = await fetch(url + '/accounts?pageSize=100', { headers: { authorization: 'Bearer package-test' } });
const body = await res.json();
await close();
console.log(JSON.stringify({ status: res.status, accounts: body.data.length, specExists: existsSync(specPath) }));
`;

export const CONSUMER_CJS = `const { createMockServer } = require('togai-accounts-mock');

createMockServer({ accounts: 3 })
  .then((mock) => mock.listen(0, '127.0.0.1'))
  .then(async ({ url, close }) => {
    const res = await fetch(url + '/accounts', { headers: { authorization: 'Bearer package-test' } });
    console.log(res.status);
    await close();
  });
`;

export const CONSUMER_TS = `import {
  type ContractResult,
  createMockServer,
  type MockServer,
  type MockServerOptions,
  runContract,
} from 'togai-accounts-mock';
import { sandboxFixtures } from 'togai-accounts-mock/fixtures';
import { specPath } from 'togai-accounts-mock/spec';

const options: MockServerOptions = { seed: 7, accounts: 50, fixturePath: sandboxFixtures.acmeOnly, specPath };
const mock: MockServer = await createMockServer(options);
const { url, close } = await mock.listen(0, '127.0.0.1');
const result: ContractResult = await runContract({ baseUrl: url, token: 'consumer-token', writes: true });
const failed: number = result.totals.failed;
const seed: number = mock.options.seed;
// Proves the types are real, not \`any\`: were they, this directive would be unused, itself an error.
// @ts-expect-error seed is a number
await createMockServer({ seed: 'seven' });
console.log(failed, seed);
await close();
`;

/** A strict consumer with no \`@types\` packages (\`types: []\`), under Node's or a bundler's resolution. */
export function tsconfigFor(resolution: 'nodenext' | 'bundler'): string {
  const module =
    resolution === 'nodenext'
      ? { module: 'NodeNext', moduleResolution: 'NodeNext' }
      : { module: 'ESNext', moduleResolution: 'bundler' };
  return `${JSON.stringify(
    {
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        ...module,
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      files: ['consumer.ts'],
    },
    null,
    2,
  )}\n`;
}

/** Calls the README's Jest and Playwright global set-ups the way those runners do, in one process. */
export const drivesGlobalSetup = `const read = async (name) => {
  const res = await fetch(process.env.TOGAI_URL + '/accounts?pageSize=1', { headers: { authorization: 'Bearer setup-token' } });
  console.log(name, res.status);
};
const { default: jestSetup } = await import('./jest-setup.mjs');
const { default: jestTeardown } = await import('./jest-teardown.mjs');
await jestSetup();
await read('jest');
await jestTeardown();
const { default: playwrightSetup } = await import('./playwright-setup.mjs');
const teardown = await playwrightSetup();
await read('playwright');
await teardown();
`;
