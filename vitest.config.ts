import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests import the MSW entry by its public name; package.json maps it to dist/, built by tsc
    // for publishing, so tests read the source it is compiled from.
    alias: {
      'togai-accounts-mock/msw': fileURLToPath(new URL('./src/adapters/msw/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
