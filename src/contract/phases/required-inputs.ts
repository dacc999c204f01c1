import type { SpecOperation, SpecParameter } from '../../spec/types.ts';
import { generateValue } from '../generate-value.ts';
import type { Rng } from '../prng.ts';
import type { Validators } from '../validators.ts';

export interface RequiredInputs {
  query: Record<string, string>;
  headers: Record<string, string>;
}

const cache = new WeakMap<SpecOperation, RequiredInputs>();

/**
 * A valid value for every required query parameter and header (Togai's `mode` on schedule lists): every
 * request carries them unless a probe leaves one out on purpose. The spec's example when it is valid, else
 * the first enum value, else a generated one. Computed once per operation.
 */
export function requiredInputs(op: SpecOperation, rng: Rng, validators: Validators): RequiredInputs {
  const known = cache.get(op);
  if (known) return known;
  const out: RequiredInputs = { query: {}, headers: {} };
  for (const param of op.parameters) {
    if (!param.required || param.in === 'path') continue;
    const value = validValueFor(param, rng, validators);
    if (param.in === 'query') out.query[param.name] = value;
    else out.headers[param.name] = value;
  }
  cache.set(op, out);
  return out;
}

export function validValueFor(param: SpecParameter, rng: Rng, validators: Validators): string {
  const candidates: unknown[] = [];
  if (param.example !== undefined) candidates.push(param.example);
  if (Array.isArray(param.schema.enum)) candidates.push(...param.schema.enum.filter((v) => v !== null));
  if (param.schema.default !== undefined) candidates.push(param.schema.default);
  candidates.push(generateValue(param.schema, { rng, full: false }, param.name));
  const text = candidates
    .map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)))
    .find((v) => validators.validateParam(param.schema, v).length === 0);
  return text ?? String(candidates.at(-1));
}
