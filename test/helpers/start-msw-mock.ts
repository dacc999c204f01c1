import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { createHandlers } from '../../src/adapters/msw/index.ts';
import type { Adapter } from '../cases/adapter.ts';
import { callerFor } from './start-mock.ts';

/**
 * The MSW adapter in process for the shared suite: one `setupServer` per test file, each mock
 * under its own origin (several live at once), reached by the global `fetch` that msw/node
 * intercepts. Call `listen` in `beforeAll` and `close` in `afterAll`.
 */
export function createMswAdapter(): Adapter & { listen(): void; close(): void } {
  const server = setupServer();
  let count = 0;
  return {
    name: 'msw',
    listen: () => server.listen({ onUnhandledRequest: 'error' }),
    close: () => server.close(),
    async start(options = {}) {
      const { fixturePath, ...rest } = options;
      count += 1;
      const url = `https://mock-${count}.api.togai.test`;
      const handlers = createHandlers({
        ...rest,
        baseUrl: url,
        ...(fixturePath ? { fixture: JSON.parse(readFileSync(fixturePath, 'utf8')) } : {}),
      });
      server.use(...handlers);
      // Nothing to stop: the handlers answer only their own origin, and go with the server.
      return { url, call: callerFor(url), close: async () => {} };
    },
  };
}
