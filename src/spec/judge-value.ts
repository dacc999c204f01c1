import { type Schema, Validator } from '@cfworker/json-schema';
import { toAcyclicSchema } from './acyclic-schema.ts';
import type { JsonSchema } from './types.ts';

/**
 * Whether a value is valid against a (normalized) schema, by an interpreting validator kept per
 * schema: no code generation, so judging a description's many response schemas costs no start-up
 * and works under a strict CSP.
 */
export function createValueJudge(): (schema: JsonSchema, value: unknown) => boolean {
  const validators = new WeakMap<JsonSchema, Validator>();
  return (schema, value) => {
    let validator = validators.get(schema);
    if (validator === undefined) {
      validator = new Validator(toAcyclicSchema(schema) as Schema, '7', true);
      validators.set(schema, validator);
    }
    return validator.validate(value).valid;
  };
}
