import { authEnforced } from './auth-enforced.ts';
import { contentTypeConformance } from './content-type-conformance.ts';
import { examplesAccepted } from './examples-accepted.ts';
import { invalidInputRejected } from './invalid-input-rejected.ts';
import { maxResponseTime } from './max-response-time.ts';
import { methodNotAllowed } from './method-not-allowed.ts';
import { missingRequiredRejected } from './missing-required-rejected.ts';
import { notAServerError } from './not-a-server-error.ts';
import { pagination } from './pagination.ts';
import { resourceAvailability } from './resource-availability.ts';
import { responseHeadersConformance } from './response-headers-conformance.ts';
import { responseSchemaConformance } from './response-schema-conformance.ts';
import { statefulLifecycle } from './stateful-lifecycle.ts';
import { statusCodeConformance } from './status-code-conformance.ts';
import { useAfterFree } from './use-after-free.ts';
import { validInputAccepted } from './valid-input-accepted.ts';

/** Every check, in report order. All run by default; `--checks` selects by id. The one list of ids. */
export const CHECKS = [
  notAServerError,
  statusCodeConformance,
  contentTypeConformance,
  responseHeadersConformance,
  responseSchemaConformance,
  maxResponseTime,
  examplesAccepted,
  validInputAccepted,
  invalidInputRejected,
  missingRequiredRejected,
  methodNotAllowed,
  authEnforced,
  pagination,
  statefulLifecycle,
  resourceAvailability,
  useAfterFree,
] as const;

/** Stable ids: each is a check's CLI `--checks` name and its name in every report. */
export type CheckId = (typeof CHECKS)[number]['id'];

export const CHECK_IDS: readonly CheckId[] = CHECKS.map((check) => check.id);

export const findCheck = (id: CheckId) => CHECKS.find((check) => check.id === id);
