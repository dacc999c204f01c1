import { type Schema, Validator } from '@cfworker/json-schema';
import { toAcyclicSchema } from './acyclic-schema.ts';
import { jsonEntryOf } from './json-media.ts';
import { sampleSchema } from './sample-schema.ts';
import type { JsonSchema, SpecOperation, SpecResponse } from './types.ts';

/** What the caller asks for: a status, a named example, or generated data (`Prefer` controls). */
export interface AnswerChoice {
  code?: number;
  example?: string;
  dynamic?: boolean;
}

export interface SpecAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type AnswerProblem = { kind: 'unknown-example'; message: string };

/**
 * Answers an operation from its description alone, for everything the store does not implement:
 * the first declared example valid against its response schema, or a value generated from the
 * schema when there is none, or when the description's example breaks its own schema (Togai's has
 * 44 such). Nothing is prepared at start-up: an operation's examples are judged on its first answer.
 */
export function createSpecAnswers(): (
  operation: SpecOperation,
  choice: AnswerChoice,
) => { ok: true; value: SpecAnswer } | { ok: false; error: AnswerProblem } {
  // Examples are judged by an interpreting validator (no code generation): ajv compiled Togai's
  // response schemas in 5.4 s and 125 MB more peak memory; this judges all 889 examples in 70 ms,
  // with the same verdicts (test/spec/spec-answers.test.ts). A verdict is kept per example.
  const verdicts = new WeakMap<JsonSchema, Map<unknown, boolean>>();
  // A schema's sample is judged once and kept: judging a fresh one per request would keep them all.
  const samples = new WeakMap<JsonSchema, unknown>();
  const isValid = (schema: JsonSchema, value: unknown): boolean => {
    let known = verdicts.get(schema);
    if (!known) {
      known = new Map();
      verdicts.set(schema, known);
    }
    let verdict = known.get(value);
    if (verdict === undefined) {
      verdict = new Validator(toAcyclicSchema(schema) as Schema, '7', true).validate(value).valid;
      known.set(value, verdict);
    }
    return verdict;
  };
  return (operation, choice) => {
    const [status, response] = pickResponse(operation, choice.code);
    const [type, media] = jsonEntryOf(response?.content) ?? [];
    const headers: Record<string, string> = {};
    for (const header of response?.headers ?? []) {
      if (header.required) headers[header.name] = String(sampleSchema(header.schema));
    }
    if (!media?.schema) return { ok: true, value: { status, headers, body: undefined } };
    // The type the description documents (`application/vnd.xtrf-v1+json`), without its parameters.
    headers['content-type'] = (type ?? 'application/json').split(';')[0]?.trim() ?? 'application/json';
    const schema = media.schema;
    const named = media.examples ?? {};
    if (choice.example !== undefined && !(choice.example in named)) {
      const known = Object.keys(named).join(', ') || 'none';
      return {
        ok: false,
        error: {
          kind: 'unknown-example',
          message: `Prefer: example=${choice.example} is not an example of ${operation.operationId} ${status} (${known})`,
        },
      };
    }
    const candidates = choice.dynamic
      ? []
      : choice.example !== undefined
        ? [named[choice.example]]
        : [media.example, ...Object.values(named)];
    const example = candidates.find((value) => value !== undefined && isValid(schema, value));
    let body = example;
    if (body === undefined) {
      body = samples.get(schema);
      if (body === undefined) {
        body = sampleValid(schema, isValid);
        samples.set(schema, body);
      }
    }
    return { ok: true, value: { status, headers, body } };
  };
}

/**
 * A sample of the schema valid against it: the schema's own sample, else one of a `oneOf`/`anyOf`
 * branch (a sample of the first branch may match two of a `oneOf`'s, or none of an `anyOf` whose
 * first branch is not the object the outer schema describes). The plain sample when none is.
 */
function sampleValid(schema: JsonSchema, isValid: (schema: JsonSchema, value: unknown) => boolean): unknown {
  const plain = sampleSchema(schema);
  if (isValid(schema, plain)) return plain;
  const branches = [schema.oneOf, schema.anyOf].find(Array.isArray) as JsonSchema[] | undefined;
  const { oneOf: _one, anyOf: _any, ...outer } = schema;
  for (const branch of branches ?? []) {
    const candidate = sampleSchema({ ...outer, ...branch });
    if (isValid(schema, candidate)) return candidate;
  }
  return plain;
}

/**
 * The forced status when given (or `default` covering it), else the first 2xx the operation
 * declares, else its `default`, else its first 3xx (an OAuth redirect documents only its 301).
 */
function pickResponse(operation: SpecOperation, code?: number): [number, SpecResponse | undefined] {
  const { responses } = operation;
  if (code !== undefined) return [code, responses[String(code)] ?? responses.default];
  const statuses = Object.keys(responses).sort();
  const success = statuses.find((status) => /^2\d\d$/.test(status));
  if (success !== undefined) return [Number(success), responses[success]];
  if (responses.default) return [200, responses.default];
  const redirect = statuses.find((status) => /^3\d\d$/.test(status));
  return redirect !== undefined ? [Number(redirect), responses[redirect]] : [200, undefined];
}
