export {
  type CloseOptions,
  createMockServer,
  type MockServer,
  type MockServerOptions,
  type RunningServer,
} from './adapters/node/create-mock-server.ts';
export { runContract } from './contract/run-contract.ts';
export type { ContractOptions, ContractResult } from './contract/types.ts';
export {
  type CoreAnswer,
  type CoreRequest,
  type CoreResponse,
  createMock,
  type Fault,
  isFault,
  type Mock,
  type MockOptions,
} from './core/index.ts';
export { buildSpec } from './spec/build-spec.ts';
export { loadSpec } from './spec/load-spec.ts';
