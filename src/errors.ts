// TODO(integrator): a forwarding module for the store files other branches are editing
// (src/store/*-ops.ts, cursor.ts, records.ts, types.ts import `apiError`/`ApiError` from here).
// Once merged, point them at src/store/errors.ts (`domainError`, `DomainError`) and delete this.
// The HTTP status table lives in src/core/errors.ts.
export {
  type DomainError as ApiError,
  type DomainErrorCode as ErrorCode,
  DomainException as ApiException,
  domainError as apiError,
  MAX_MESSAGE_LENGTH,
} from './store/errors.ts';
