import type { ErrorObject } from 'ajv';

/**
 * The field an ajv error is about, in one syntax everywhere: `address.country`, `aliases[2]`,
 * `settings[0].dataType`; `prefix` names the whole value (`body`, `fixture`) and is also what an
 * error at the root reads as. `required` and `additionalProperties` name the property itself.
 */
export function fieldOf(error: ErrorObject, prefix = ''): string {
  let field = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
  const property =
    error.keyword === 'required'
      ? error.params.missingProperty
      : error.keyword === 'additionalProperties'
        ? error.params.additionalProperty
        : undefined;
  if (property !== undefined) field = field ? `${field}.${String(property)}` : String(property);
  if (!prefix) return field;
  return field ? (field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`) : prefix;
}

/** ajv's message, with the allowed values spelt out for `enum` and a plain word for extra properties. */
export function reasonOf(error: ErrorObject): string {
  if (error.keyword === 'enum')
    return `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
  if (error.keyword === 'additionalProperties') return 'is not an allowed property';
  return error.message ?? 'is invalid';
}

/**
 * `field: message` for the first ajv error, the one converter used by request validation and
 * fixtures (and, later, the contract runner). `root` names the value when the error is at its root.
 */
export function describeAjvError(
  error: ErrorObject | undefined,
  options: { root?: string; prefix?: string } = {},
): string {
  const root = options.root ?? 'body';
  if (!error) return `${options.prefix ?? root}: is invalid`;
  const field = fieldOf(error, options.prefix);
  return `${field || root}: ${reasonOf(error)}`;
}
