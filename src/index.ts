export {
  createMockServer,
  type MockServer,
  type MockServerOptions,
} from './adapters/node/create-mock-server.ts';
export { runContract } from './contract/run-contract.ts';
export type { ContractOptions, ContractResult } from './contract/types.ts';
export { loadSpec } from './spec/load-spec.ts';
