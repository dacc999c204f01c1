import { afterAll, beforeAll } from 'vitest';
import { describeAllCases } from '../cases/index.ts';
import { createMswAdapter } from '../helpers/start-msw-mock.ts';

// The shared behaviour suite in process: msw/node intercepts the global fetch, no socket at all.
const adapter = createMswAdapter();
beforeAll(() => adapter.listen());
afterAll(() => adapter.close());
describeAllCases(adapter);
