import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { exampleFallbackFor } from '../../src/core/example-fallback.ts';
import { generateFromSchema } from '../../src/core/generate-from-schema.ts';
import { createMock } from '../../src/core/index.ts';
import { buildPreparedSpec } from '../../src/spec/build-prepared-spec.ts';
import { buildSpec } from '../../src/spec/build-spec.ts';
import { BUNDLED_DOCUMENT_JSON } from '../../src/spec/bundled-document.generated.ts';
import { createAjv } from '../../src/spec/create-ajv.ts';
import { normalizeSchema } from '../../src/spec/normalize-schema.ts';
import { toAcyclicSchema } from '../../src/spec/schema-graph.ts';
import type { LoadedSpec } from '../../src/spec/types.ts';
import { call } from '../helpers/core-request.ts';

const PUBLISHED = fileURLToPath(new URL('../../../shared/togai-published/openapi.yaml', import.meta.url));

/** A validator for a schema graph as the spec has it: recursive, with `allOf`. */
function validatorFor(schema: unknown): (value: unknown) => boolean {
  const validate = createAjv().compile(toAcyclicSchema(normalizeSchema(schema)));
  return (value) => validate(value) === true;
}

const SUMMARY = {
  type: 'object',
  required: ['accountId', 'events'],
  additionalProperties: false,
  properties: { accountId: { type: 'string' }, events: { type: 'integer', minimum: 0 } },
};
/** Recursive through `children`, and closed first `allOf` part plus an open second one. */
const TREE = {
  allOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { type: 'string', minLength: 3 } },
    },
    {
      type: 'object',
      required: ['children'],
      properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } },
    },
  ],
};

/** The bundled spec plus operations the store does not implement, with good and broken examples. */
function specWithExtras(): LoadedSpec {
  const document = JSON.parse(BUNDLED_DOCUMENT_JSON);
  document.components.schemas.Tree = TREE;
  const json = (schema: unknown, extra: object = {}) => ({
    description: 'ok',
    content: { 'application/json': { schema, ...extra } },
  });
  document.paths['/accounts/{account_id}/usage_summary'] = {
    parameters: [{ $ref: '#/components/parameters/AccountId' }],
    get: {
      operationId: 'getUsageSummary',
      responses: {
        '200': json(SUMMARY, {
          examples: {
            busy: { value: { accountId: 'ACME_ACCOUNT_42', events: 1234 } },
            broken: { value: { accountId: 'ACME_ACCOUNT_42', events: -5 } },
          },
        }),
        '404': { $ref: '#/components/responses/NotFound' },
      },
    },
  };
  document.paths['/usage_broken'] = {
    get: { operationId: 'getBroken', responses: { '200': json(SUMMARY, { example: { events: 'many' } }) } },
  };
  document.paths['/trees'] = {
    get: { operationId: 'getTree', responses: { '200': json({ $ref: '#/components/schemas/Tree' }) } },
  };
  const built = buildPreparedSpec(document);
  if (!built.ok) throw new Error(built.error);
  return built.value;
}

const mockWith = (seed = 1) => {
  const spec = specWithExtras();
  return createMock({
    spec,
    seed,
    accounts: 5,
    customers: 1,
    fallback: (s) => exampleFallbackFor(s, { seed }),
  });
};

describe('the example fallback (no Prism)', () => {
  it('answers an operation the store does not implement from its example, behind auth and validation', async () => {
    const mock = mockWith();
    const res = await call(mock, 'GET', '/accounts/ANY/usage_summary');
    expect(res).toMatchObject({ status: 200, body: { accountId: 'ACME_ACCOUNT_42', events: 1234 } });
    expect((await call(mock, 'GET', '/accounts/ANY/usage_summary', { token: null })).status).toBe(401);
    expect((await call(mock, 'GET', `/accounts/${'x'.repeat(51)}/usage_summary`)).status).toBe(400);
  });

  it('honours Prefer: code= with the status’s example and example= by name, as Prism does', async () => {
    const mock = mockWith();
    const forced = await call(mock, 'GET', '/accounts/ANY/usage_summary', {
      headers: { prefer: 'code=404' },
    });
    expect(forced).toMatchObject({
      status: 404,
      body: { message: 'account_id: no account with id ACME_ACCOUNT_42' },
    });
    expect(forced.headers['x-error-code']).toBe('NOT_FOUND');
    const named = await call(mock, 'GET', '/accounts/ANY/usage_summary', {
      headers: { prefer: 'example=busy' },
    });
    expect(named.body).toEqual({ accountId: 'ACME_ACCOUNT_42', events: 1234 });
    const missing = await call(mock, 'GET', '/accounts/ANY/usage_summary', {
      headers: { prefer: 'example=nope' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      message: 'Prefer: example=nope is not an example of getUsageSummary 200 (busy, broken)',
    });
  });

  it('replaces an example that breaks its own schema with generated data that keeps it, the same for a seed', async () => {
    const valid = validatorFor(SUMMARY);
    const first = await call(mockWith(3), 'GET', '/usage_broken');
    expect(first.status).toBe(200);
    expect(first.body).not.toEqual({ events: 'many' });
    expect(valid(first.body)).toBe(true);
    expect((await call(mockWith(3), 'GET', '/usage_broken')).text).toBe(first.text);
    expect((await call(mockWith(4), 'GET', '/usage_broken')).text).not.toBe(first.text);
    const named = await call(mockWith(3), 'GET', '/accounts/A/usage_summary', {
      headers: { prefer: 'example=broken' },
    });
    expect(valid(named.body)).toBe(true);
  });

  it('generates a finite, valid value for a recursive schema built with allOf', async () => {
    const res = await call(mockWith(), 'GET', '/trees');
    expect(res.status).toBe(200);
    const spec = specWithExtras();
    expect(
      validatorFor(
        spec.dereferenced.components &&
          (spec.dereferenced.components as { schemas: { Tree: unknown } }).schemas.Tree,
      )(res.body),
    ).toBe(true);
    expect(res.text.length).toBeLessThan(20_000);
    expect((res.body as { children: unknown[] }).children.length).toBeGreaterThan(0);
  });

  it('draws new data per request with Prefer: dynamic=true, reproducibly for a seed', async () => {
    const draw = async (seed: number) => {
      const mock = mockWith(seed);
      const bodies = [];
      for (let i = 0; i < 3; i++)
        bodies.push((await call(mock, 'GET', '/trees', { headers: { prefer: 'dynamic=true' } })).text);
      return bodies;
    };
    const first = await draw(8);
    expect(new Set(first).size).toBe(3);
    expect(await draw(8)).toEqual(first);
  });
});

describe.skipIf(!existsSync(PUBLISHED))("the example fallback on Togai's published description", () => {
  it('answers every operation with its success status and a body valid against its schema', async () => {
    const built = await buildSpec(parseYaml(await readFile(PUBLISHED, 'utf8')));
    if (!built.ok) throw new Error(built.error);
    const spec = built.value;
    const fallback = exampleFallbackFor(spec, { seed: 1 });
    const invalid: string[] = [];
    for (const operation of spec.operations) {
      const path = operation.path.replace(/\{[^}]+\}/g, 'X');
      const method = operation.method.toUpperCase();
      const answer = await fallback({ method, path, query: {}, headers: {}, body: undefined }, {});
      const codes = Object.keys(operation.responses);
      const success = codes.some((s) => s.startsWith('2')) ? codes.filter((s) => s.startsWith('2')) : codes;
      expect(success, operation.operationId).toContain(String(answer.status));
      expect(answer.status, operation.operationId).toBeLessThan(400);
      const schema = operation.responses[String(answer.status)]?.content['application/json']?.schema;
      if (schema && !validatorFor(schema)(answer.body)) invalid.push(operation.operationId);
    }
    // No valid instance exists for these: JobEntriesResponse requires `comments` but is closed and
    // does not declare it; InvoiceLineItem requires `lineItems` (minItems 1) of itself, endlessly.
    expect(invalid).toEqual(['getJobEntries', 'createCustomInvoice', 'getInvoice', 'updateInvoice']);
  });
});

describe('generateFromSchema', () => {
  it('keeps bounds, formats and enums, and prefers a schema’s own example', () => {
    const schema = {
      type: 'object',
      required: ['code', 'when', 'kind', 'size', 'given'],
      properties: {
        code: { type: 'string', minLength: 3, maxLength: 3 },
        when: { type: 'string', format: 'date-time' },
        kind: { type: 'string', enum: ['B', 'A'] },
        size: { type: 'integer', minimum: 10, maximum: 12 },
        given: { type: 'string', example: 'as written' },
      },
    };
    const value = generateFromSchema(schema, 5) as Record<string, unknown>;
    expect(validatorFor(schema)(value)).toBe(true);
    expect(value).toMatchObject({ kind: 'B', given: 'as written' });
    expect(generateFromSchema(schema, 5)).toEqual(value);
  });
});
