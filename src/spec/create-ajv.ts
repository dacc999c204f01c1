import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export; under NodeNext the callable sits on `.default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

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
    ...(options.code ? { code: options.code } : {}),
    strict: false,
    allErrors: options.allErrors ?? false,
    coerceTypes: options.coerceTypes ?? false,
    validateFormats: true,
  });
  addFormats(ajv);
  return ajv;
}
