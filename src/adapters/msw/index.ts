export { buildPreparedSpec } from '../../spec/build-prepared-spec.ts';
export { createHandlers, type HandlersOptions, type TogaiHandlers } from './create-handlers.ts';
