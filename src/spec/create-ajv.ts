import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export; under NodeNext the callable sits on `.default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/**
 * Patterns as real-world descriptions write them: ECMA-262 with the `u` flag (ajv's way) when they
 * compile so, else without it (`\:` is a needless escape `u` refuses, in a pattern of Apideck's).
 */
const tolerantRegExp = Object.assign(
  (pattern: string, flags: string): RegExp => {
    try {
      return new RegExp(pattern, flags);
    } catch {
      return new RegExp(pattern, flags.replace('u', ''));
    }
  },
  { code: 'new RegExp' },
);

/**
 * The one ajv configuration for the spec's schemas, used by the mock and the contract runner.
 * strict is off because OpenAPI schemas carry annotations (`description`, `format: int32`) that
 * ajv's strict mode flags; formats are on (ajv-formats knows date-time, uuid, int32...). `code` is
 * for the build step that writes standalone validators (scripts/build-prepared.ts).
 */
export function createAjv(
  options: { allErrors?: boolean; coerceTypes?: boolean; code?: Options['code'] } = {},
): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: options.allErrors ?? false,
    coerceTypes: options.coerceTypes ?? false,
    validateFormats: true,
    code: { regExp: tolerantRegExp, ...options.code },
    // Descriptions name formats of their own (`dateTime`, `uriref`, `iso-country-code`): annotations
    // ajv ignores, as it should; its warning for each, at every compile, is noise in a server log.
    logger: false,
  });
  addFormats(ajv);
  return ajv;
}
