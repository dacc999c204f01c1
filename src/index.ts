export { type MockServer, type MockServerOptions, createMockServer } from './mock/create-mock-server.ts';
export { loadSpec } from './spec/load-spec.ts';
