import { setupWorker } from 'msw/browser';
import { createHandlers } from '../../../src/adapters/msw/index.ts';

// The page of test/browser/msw-browser.test.ts: the mock's handlers in MSW's service worker.
// Its options come from the query string, so the test can compare with a server of the same data.
const params = new URLSearchParams(
  (globalThis as unknown as { location: { search: string } }).location.search,
);
const handlers = createHandlers({
  seed: Number(params.get('seed') ?? 1),
  accounts: Number(params.get('accounts') ?? 30),
  customers: Number(params.get('customers') ?? 3),
  tokenSecret: params.get('tokenSecret') ?? 'browser',
});
const worker = setupWorker(...handlers);
const state = globalThis as unknown as { togaiMock: { ready: Promise<unknown>; reset: () => Promise<void> } };
state.togaiMock = {
  ready: worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet: true,
  }),
  reset: () => handlers.reset(),
};
