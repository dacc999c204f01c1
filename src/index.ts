export { runContract } from './contract/run-contract.ts';
export type { ContractOptions, ContractResult } from './contract/types.ts';
export { createMockServer, type MockServer, type MockServerOptions } from './mock/create-mock-server.ts';
export { loadSpec } from './spec/load-spec.ts';
