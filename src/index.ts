export { createMockServer, type MockServer, type MockServerOptions } from './mock/create-mock-server.ts';
export { loadSpec } from './spec/load-spec.ts';
