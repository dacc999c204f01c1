import { authEnforced } from './auth-enforced.ts';
import type { Check } from './check.ts';
import { contentTypeConformance } from './content-type-conformance.ts';
import { invalidInputRejected } from './invalid-input-rejected.ts';
import { notAServerError } from './not-a-server-error.ts';
import { pagination } from './pagination.ts';
import { responseHeadersConformance } from './response-headers-conformance.ts';
import { responseSchemaConformance } from './response-schema-conformance.ts';
import { statefulLifecycle } from './stateful-lifecycle.ts';
import { statusCodeConformance } from './status-code-conformance.ts';
import { validInputAccepted } from './valid-input-accepted.ts';

/** Every check, in report order. All run by default; `--checks` selects by id. */
export const CHECKS: readonly Check[] = [
  notAServerError,
  statusCodeConformance,
  contentTypeConformance,
  responseHeadersConformance,
  responseSchemaConformance,
  authEnforced,
  invalidInputRejected,
  validInputAccepted,
  pagination,
  statefulLifecycle,
];
