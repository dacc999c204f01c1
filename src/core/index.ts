export { ADMIN_PREFIX } from './admin.ts';
export { type ChaosOptions, parseLatency } from './chaos.ts';
export { collectChunks, isChunkedBody, toReadableStream } from './chunked-body.ts';
export { createMock, MOCK_DEFAULTS, type Mock, type MockOptions } from './create-mock.ts';
export { type ApiError, apiError, codeForStatus, ERROR_STATUS, type ErrorCode } from './errors.ts';
export { fixtureFromHar } from './fixture-from-har.ts';
export type { Fixture } from './fixtures.ts';
export { type FixtureValidator, fixtureValidatorFor } from './fixtures.ts';
export { RESOURCE_HANDLERS, shapeOf } from './handlers.ts';
export type { Har, HarEntry } from './har.ts';
export { MAX_BODY_BYTES } from './read-body.ts';
export { createRecordedFallback } from './recorded-fallback.ts';
export { type LoggedRequest, tenantName } from './request-log.ts';
export { specFallbackFor } from './spec-fallback.ts';
export { fromRedisTenants, type StorePort, type TenantRegistry } from './store-port.ts';
export { baselineOptionsOf, tenancyOf } from './store-settings.ts';
export {
  type BodyRead,
  type BodyReader,
  type ChunkedBody,
  type CoreAnswer,
  type CoreRequest,
  type CoreResponse,
  type Fallback,
  type FallbackRequest,
  type FallbackResponse,
  type Fault,
  isFault,
  type MaybePromise,
  type MockPreferences,
} from './types.ts';
export { redisFixtureApplier } from './with-fixture.ts';
