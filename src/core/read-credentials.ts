import { fail, ok, type Result } from '../shared/result.ts';
import type { SecurityScheme } from '../spec/types.ts';
import { readBearerToken } from './auth.ts';
import { type ApiError, apiError } from './errors.ts';
import type { CoreRequest } from './types.ts';

const MAX_CREDENTIAL_LENGTH = 4096;
const TOKEN_CHARS = /^[A-Za-z0-9\-._~+/]+=*$/;

/** How a client sends a scheme's credential, for the 401's message. */
export function describeScheme(scheme: SecurityScheme): string {
  if (scheme.kind === 'apiKey')
    return `the ${scheme.param} ${scheme.in === 'query' ? 'query parameter' : scheme.in}`;
  if (scheme.scheme === 'basic') return 'Authorization: Basic <base64 of user:password>';
  return `Authorization: ${scheme.scheme === 'bearer' ? 'Bearer' : scheme.scheme} <token>`;
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** The credential a request carries for one scheme, or undefined when it carries none (or a malformed one). */
function credentialFor(request: CoreRequest, scheme: SecurityScheme): string | undefined {
  let value: string | null | undefined;
  if (scheme.kind === 'apiKey') {
    if (scheme.in === 'header') value = request.headers[scheme.param.toLowerCase()];
    else if (scheme.in === 'query') value = request.query.get(scheme.param);
    else value = cookie(request.headers.cookie, scheme.param);
  } else {
    const header = request.headers.authorization ?? '';
    const space = header.indexOf(' ');
    if (space > 0 && header.slice(0, space).toLowerCase() === scheme.scheme)
      value = header.slice(space + 1).trim();
    // A token of base64url characters (RFC 6750's b64token; also what Basic's base64 is made of).
    if (value !== undefined && value !== null && !TOKEN_CHARS.test(value)) value = undefined;
  }
  if (value === undefined || value === null || value === '' || value.length > MAX_CREDENTIAL_LENGTH)
    return undefined;
  return value;
}

const isBearerOnly = (alternatives: readonly SecurityScheme[][]) =>
  alternatives.length === 1 &&
  alternatives[0]?.length === 1 &&
  alternatives[0][0]?.kind === 'http' &&
  alternatives[0][0].scheme === 'bearer';

/**
 * The tenant a request's credentials name, by the operation's security as its description declares
 * it: any one alternative with all its schemes present will do, and the first scheme's credential
 * names the tenant (the mock keeps no users: any well-formed credential is accepted). A request
 * with none gets 401 naming what to send. A bearer-only operation (Togai's) keeps the bearer
 * reader's exact messages.
 */
export function readCredentials(
  request: CoreRequest,
  alternatives: readonly SecurityScheme[][] | undefined,
): Result<string, ApiError> {
  if (alternatives === undefined || alternatives.length === 0 || isBearerOnly(alternatives))
    return readBearerToken(request.headers.authorization);
  for (const schemes of alternatives) {
    // One request has one Authorization header: an alternative naming two HTTP schemes (Basic and
    // Bearer) is met by either.
    const http = schemes.filter((s) => s.kind === 'http');
    const viaHeader = http.map((scheme) => credentialFor(request, scheme)).find((v) => v !== undefined);
    const values = schemes.map((scheme) =>
      scheme.kind === 'http' ? viaHeader : credentialFor(request, scheme),
    );
    if (values.every((v) => v !== undefined)) return ok(values[0] ?? '');
  }
  const ways = alternatives.map((schemes) => schemes.map(describeScheme).join(' and '));
  return fail(apiError('UNAUTHORIZED', `credentials: send ${ways.join(', or ')}`));
}

/** `WWW-Authenticate` for a 401: the HTTP schemes the operation accepts. */
export function challengeFor(alternatives: readonly SecurityScheme[][] | undefined): string | undefined {
  if (alternatives === undefined || alternatives.length === 0) return 'Bearer';
  const http = alternatives.flat().filter((s) => s.kind === 'http');
  const names = [...new Set(http.map((s) => (s.kind === 'http' ? s.scheme : '')))];
  if (names.length === 0) return undefined;
  return names
    .map((n) => (n === 'basic' ? 'Basic realm="togai-mock"' : n === 'bearer' ? 'Bearer' : n))
    .join(', ');
}
