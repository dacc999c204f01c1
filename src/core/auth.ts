import { fail, ok, type Result } from '../shared/result.ts';
import { type ApiError, apiError } from './errors.ts';

/** RFC 6750's b64token: the only characters a bearer token may have. */
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/;
const MAX_TOKEN_LENGTH = 4096;

/**
 * Reads `Authorization: Bearer <token>`. Any well-formed token is accepted: the mock has no user
 * database, and the token names the caller's tenant.
 */
export function readBearerToken(header: string | undefined): Result<string, ApiError> {
  if (header === undefined || header.trim() === '') {
    return fail(apiError('UNAUTHORIZED', 'Authorization: a Bearer token is required'));
  }
  if (header.length > MAX_TOKEN_LENGTH + 7) {
    return fail(
      apiError('UNAUTHORIZED', `Authorization: the token is longer than ${MAX_TOKEN_LENGTH} characters`),
    );
  }
  const match = BEARER.exec(header);
  if (!match?.[1]) {
    return fail(
      apiError(
        'UNAUTHORIZED',
        'Authorization: must be "Bearer <token>" with a token of base64url characters',
      ),
    );
  }
  return ok(match[1]);
}
