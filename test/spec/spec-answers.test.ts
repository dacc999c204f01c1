import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Schema, Validator } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { toAcyclicSchema } from '../../src/spec/acyclic-schema.ts';
import { createAjv } from '../../src/spec/create-ajv.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { createSpecAnswers } from '../../src/spec/spec-answers.ts';
import type { SpecOperation } from '../../src/spec/types.ts';

const PUBLISHED = resolve(
  fileURLToPath(new URL('../..', import.meta.url)),
  '..',
  'shared',
  'togai-published',
  'openapi.yaml',
);
const hasPublished = existsSync(PUBLISHED);
if (!hasPublished)
  console.warn(`skipping the published example verdicts: ${PUBLISHED} not found (CI has it)`);

const thing = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'count'],
  properties: { id: { type: 'string' }, count: { type: 'integer', minimum: 1 } },
};
const error = {
  type: 'object',
  additionalProperties: false,
  required: ['message'],
  properties: { message: { type: 'string' } },
};

function operation(examples: Record<string, unknown>, example?: unknown): SpecOperation {
  return {
    operationId: 'getThing',
    method: 'get',
    path: '/things/{id}',
    parameters: [],
    requiresAuth: true,
    paginated: false,
    responses: {
      '201': {
        headers: [],
        content: {
          'application/json': { schema: thing, examples, ...(example !== undefined ? { example } : {}) },
        },
      },
      '429': {
        headers: [{ name: 'retry-after', required: true, schema: { type: 'integer', minimum: 0 } }],
        content: { 'application/json': { schema: error } },
      },
      default: {
        headers: [],
        content: { 'application/json': { schema: error, example: { message: 'boom' } } },
      },
    },
  };
}

describe('createSpecAnswers', () => {
  const answer = createSpecAnswers();

  it('serves the first valid example of the first 2xx response', () => {
    const op = operation({ Broken: { id: 'A', count: 0 }, Good: { id: 'B', count: 2 } }, { id: 'C' });
    expect(answer(op, {})).toEqual({
      ok: true,
      value: { status: 201, headers: { 'content-type': 'application/json' }, body: { id: 'B', count: 2 } },
    });
  });

  it('generates from the schema when every example breaks it, or when asked for dynamic data', () => {
    const broken = operation({ Broken: { id: 'A', count: 0, extra: true } });
    expect(answer(broken, {})).toMatchObject({ ok: true, value: { body: { id: 'sample', count: 1 } } });
    const good = operation({ Good: { id: 'B', count: 2 } });
    expect(answer(good, { dynamic: true })).toMatchObject({
      ok: true,
      value: { body: { id: 'sample', count: 1 } },
    });
  });

  it('serves a named example, and refuses a name the operation does not have', () => {
    const op = operation({ One: { id: 'one', count: 1 }, Two: { id: 'two', count: 2 } });
    expect(answer(op, { example: 'Two' })).toMatchObject({
      ok: true,
      value: { body: { id: 'two', count: 2 } },
    });
    expect(answer(op, { example: 'Three' })).toEqual({
      ok: false,
      error: {
        kind: 'unknown-example',
        message: 'Prefer: example=Three is not an example of getThing 201 (One, Two)',
      },
    });
  });

  it('answers a forced status from its response or from default, with required headers filled', () => {
    const op = operation({});
    expect(answer(op, { code: 429 })).toEqual({
      ok: true,
      value: {
        status: 429,
        headers: { 'retry-after': '0', 'content-type': 'application/json' },
        body: { message: 'sample' },
      },
    });
    expect(answer(op, { code: 503 })).toMatchObject({
      ok: true,
      value: { status: 503, body: { message: 'boom' } },
    });
  });
});

describe('judging examples without ajv', () => {
  it.skipIf(!hasPublished)(
    'gives the same verdict as ajv on every example of Togai’s published description, broken ones included',
    async () => {
      const spec = await loadSpec(PUBLISHED);
      if (!spec.ok) throw new Error(spec.error);
      const ajv = createAjv();
      const disagreements: string[] = [];
      let judged = 0;
      let broken = 0;
      for (const op of spec.value.operations)
        for (const [status, response] of Object.entries(op.responses)) {
          const media = response.content['application/json'];
          if (!media?.schema || media.example === undefined) continue;
          const schema = toAcyclicSchema(media.schema) as Schema;
          const ours = new Validator(schema, '7', true).validate(media.example).valid;
          judged++;
          if (!ours) broken++;
          if (ours !== ajv.validate(schema, media.example)) disagreements.push(`${op.operationId} ${status}`);
        }
      expect(disagreements).toEqual([]);
      expect(judged).toBeGreaterThan(800);
      expect(broken).toBeGreaterThanOrEqual(40);
    },
    120_000,
  );
});
