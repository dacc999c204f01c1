import { createMockServer as createServer } from './mock/create-mock-server.ts';
import type { MockServer, MockServerOptions } from './public-api.ts';

export { runContract } from './contract/run-contract.ts';
export type { ContractOptions, ContractResult } from './contract/types.ts';
export type { MockServer, MockServerOptions, RunningServer } from './public-api.ts';
export { loadSpec } from './spec/load-spec.ts';

/** Builds the mock: loads the spec, seeds the store, wires the server. Throws on an unusable spec or fixture. */
export const createMockServer: (options?: MockServerOptions) => Promise<MockServer> = createServer;
