import type { HttpMethod } from '../../spec/types.ts';
import type { SendRequest } from '../http-client.ts';

export interface RequestParts {
  /** Path parameter values, substituted and encoded into the operation's template. */
  pathParams?: Record<string, string>;
  /** Added to the operation's required query parameters (which every request carries unless omitted). */
  query?: Record<string, string>;
  /** Required query parameters or headers to leave out (the missing-required probes). */
  omit?: readonly string[];
  headers?: Record<string, string>;
  auth?: SendRequest['auth'];
  body?: unknown;
  rawBody?: SendRequest['rawBody'];
  /** A method the spec does not document for the path: only the checks that apply to any answer judge it. */
  method?: HttpMethod;
}

export function fillPath(template: string, values: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? `missing-${name}`),
  );
}
