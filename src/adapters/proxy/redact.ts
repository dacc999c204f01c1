import { scrubSecret, TOKEN_PLACEHOLDER } from '../../contract/scrub.ts';

export const REDACTED = '[REDACTED]';

/** Headers whose values are credentials whatever `--redact` says. */
const ALWAYS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** Replaces secrets in what is kept (HAR, reports): the bearer token everywhere, and named headers and fields. */
export interface Redactor {
  header(name: string, value: string, token: string | undefined): string;
  /** A body as text: named JSON fields (at any depth) replaced, then the token scrubbed. */
  body(text: string, token: string | undefined): string;
  query(name: string, value: string, token: string | undefined): string;
  /**
   * Text that may hold a cut-off JSON body (a report's excerpt): named fields' string and number values
   * replaced where they appear as `"name": value`.
   */
  text(text: string): string;
}

/** `names`: header, query parameter and JSON field names, matched without regard to case. */
export function createRedactor(names: readonly string[] = []): Redactor {
  const named = new Set(names.map((n) => n.toLowerCase()));
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, named.has(k.toLowerCase()) ? REDACTED : walk(v)]),
      );
    return value;
  };
  const escapeRegExp = (name: string) => name.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&');
  // `"name": "a string, maybe cut off` or `"name": 12.5`.
  const fields =
    named.size === 0
      ? undefined
      : new RegExp(
          `("(?:${[...named].map(escapeRegExp).join('|')})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"?|-?[\\d.eE+-]+)`,
          'gi',
        );
  return {
    text: (text) => (fields ? text.replace(fields, `$1"${REDACTED}"`) : text),
    header(name, value, token) {
      const lower = name.toLowerCase();
      if (lower === 'authorization' && /^bearer\s/i.test(value)) return `Bearer ${TOKEN_PLACEHOLDER}`;
      if (ALWAYS.has(lower) || named.has(lower)) return REDACTED;
      return scrubSecret(value, token);
    },
    body(text, token) {
      if (named.size > 0 && text.trim() !== '') {
        try {
          return scrubSecret(JSON.stringify(walk(JSON.parse(text))), token);
        } catch {
          // Not JSON: nothing to find fields in.
        }
      }
      return scrubSecret(text, token);
    },
    query: (name, value, token) => (named.has(name.toLowerCase()) ? REDACTED : scrubSecret(value, token)),
  };
}
