import type { SecurityScheme } from './types.ts';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The description's `securitySchemes` as the mock accepts them: HTTP schemes by their
 * `Authorization` scheme (`bearer`, `basic`, `digest`…), OAuth2 and OpenID Connect as a bearer
 * token (the mock issues none, any token is one), API keys by where they go and their name.
 * Mutual TLS and anything unknown cannot be sent by a client of the mock: left out.
 */
export function readSecuritySchemes(components: unknown): Map<string, SecurityScheme> {
  const schemes = new Map<string, SecurityScheme>();
  const raw = isObj(components) && isObj(components.securitySchemes) ? components.securitySchemes : {};
  for (const [name, value] of Object.entries(raw)) {
    if (!isObj(value)) continue;
    if (value.type === 'http' && typeof value.scheme === 'string')
      schemes.set(name, { name, kind: 'http', scheme: value.scheme.toLowerCase() });
    else if (value.type === 'oauth2' || value.type === 'openIdConnect')
      schemes.set(name, { name, kind: 'http', scheme: 'bearer' });
    else if (
      value.type === 'apiKey' &&
      typeof value.name === 'string' &&
      (value.in === 'header' || value.in === 'query' || value.in === 'cookie')
    )
      schemes.set(name, { name, kind: 'apiKey', in: value.in, param: value.name });
  }
  return schemes;
}

/**
 * An operation's `security` (or the document's): alternatives, any one of which will do, each a
 * list of schemes all of which are needed. An empty alternative (`{}`) makes auth optional; a
 * requirement naming an undeclared or unusable scheme is one no client can meet: dropped.
 */
export function readRequirements(
  security: unknown,
  schemes: Map<string, SecurityScheme>,
): SecurityScheme[][] {
  if (!Array.isArray(security)) return [];
  const out: SecurityScheme[][] = [];
  for (const requirement of security) {
    if (!isObj(requirement)) continue;
    const names = Object.keys(requirement);
    const found = names.map((n) => schemes.get(n)).filter((s): s is SecurityScheme => s !== undefined);
    if (found.length === names.length) out.push(found);
  }
  return out;
}
