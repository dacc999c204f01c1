import { lint, loadConfig } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC_PATH, loadSpec } from '../../src/spec/load-spec.ts';

describe('spec/openapi.yaml', () => {
  it('is a valid OpenAPI 3.0 document with no lint problems under Redocly’s recommended rules', async () => {
    const config = await loadConfig({});
    const problems = await lint({ ref: DEFAULT_SPEC_PATH, config });
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('declares the thirteen operations of the Accounts API in the published order, each behind the bearer scheme', async () => {
    const spec = await loadSpec();
    if (!spec.ok) throw new Error(spec.error);
    const ops = spec.value.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(ops).toEqual([
      'GET /accounts',
      'POST /accounts',
      'GET /accounts/{account_id}',
      'PATCH /accounts/{account_id}',
      'DELETE /accounts/{account_id}',
      'POST /accounts/{account_id}/add_aliases',
      'GET /accounts/{account_id}/account_aliases',
      'POST /accounts/{account_id}/remove_aliases',
      'GET /customers',
      'POST /customers',
      'GET /customers/{customer_id}',
      'PATCH /customers/{customer_id}',
      'DELETE /customers/{customer_id}',
    ]);
    expect(spec.value.operations.every((o) => o.requiresAuth)).toBe(true);
  });

  it('answers every error with the API’s {message} shape and nothing else', async () => {
    const spec = await loadSpec();
    if (!spec.ok) throw new Error(spec.error);
    const errorSchema = (spec.value.dereferenced as { components: { schemas: { ErrorResponse: unknown } } })
      .components.schemas.ErrorResponse;
    expect(errorSchema).toMatchObject({ additionalProperties: false, required: ['message'] });
    for (const op of spec.value.operations) {
      for (const status of ['400', '401', '403', '404', '429', 'default']) {
        expect(
          op.responses[status]?.content['application/json']?.schema,
          `${op.operationId} ${status}`,
        ).toEqual(spec.value.operations[0]?.responses['400']?.content['application/json']?.schema);
      }
    }
  });

  it('reports a missing file and a non-OpenAPI document as errors, not exceptions', async () => {
    expect(await loadSpec('/nonexistent/spec.yaml')).toMatchObject({ ok: false });
    expect(await loadSpec(new URL('../../package.json', import.meta.url).pathname)).toMatchObject({
      ok: false,
      error: expect.stringContaining('not an OpenAPI 3.x document'),
    });
  });
});
