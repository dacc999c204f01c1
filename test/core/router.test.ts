import { describe, expect, it } from 'vitest';
import { createMock } from '../../src/core/index.ts';
import { createRouter } from '../../src/core/router.ts';
import { buildSpec } from '../../src/spec/load-spec.ts';
import { call } from '../helpers/core-request.ts';

const match = (router: ReturnType<typeof createRouter<string>>, path: string) => {
  const found = router.match(path);
  return found && { template: found.routes.template, values: found.rawValues, allow: found.routes.allow };
};

describe('the router', () => {
  it('prefers a literal segment to a template whatever the order they were added in', () => {
    for (const order of [
      ['/price_plans/{price_plan_id}', '/price_plans/migration'],
      ['/price_plans/migration', '/price_plans/{price_plan_id}'],
    ]) {
      const router = createRouter<string>();
      for (const template of order) router.add('post', template, template);
      expect(match(router, '/price_plans/migration')).toMatchObject({
        template: '/price_plans/migration',
        values: [],
      });
      expect(match(router, '/price_plans/PP1')).toMatchObject({
        template: '/price_plans/{price_plan_id}',
        values: ['PP1'],
      });
    }
  });

  it('falls back to the template when the literal branch has no match further down', () => {
    const router = createRouter<string>();
    router.add('get', '/a/lit/c', 'literal');
    router.add('get', '/a/{x}/b', 'templated');
    expect(match(router, '/a/lit/b')).toMatchObject({ template: '/a/{x}/b', values: ['lit'] });
    expect(match(router, '/a/lit/c')).toMatchObject({ template: '/a/lit/c', values: [] });
  });

  it('takes one trailing slash, and never matches an empty segment or a longer path', () => {
    const router = createRouter<string>();
    router.add('get', '/accounts/{id}', 'one');
    expect(match(router, '/accounts/A1/')).toMatchObject({ values: ['A1'] });
    expect(match(router, '/accounts//')).toBeUndefined();
    expect(match(router, '/accounts/A1/more')).toBeUndefined();
    expect(match(router, '/Accounts/A1')).toBeUndefined();
  });

  it('lists every method of a path in Allow, HEAD beside GET', () => {
    const router = createRouter<string>();
    router.add('get', '/x', 'g');
    router.add('post', '/x', 'p');
    expect(match(router, '/x')?.allow).toBe('GET, POST, HEAD');
  });
});

/** A document that declares the templated path before the literal one, as Togai's does. */
const SHADOWING_DOC = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {
    '/price_plans/{price_plan_id}': {
      get: { operationId: 'getPricePlan', responses: { '200': { description: 'ok' } } },
    },
    '/price_plans/migration': {
      post: { operationId: 'migratePricePlans', responses: { '200': { description: 'ok' } } },
    },
  },
};

describe('routing in the core', () => {
  it('reaches a literal path declared after a templated one, 405 with Allow for another method, 404 elsewhere', async () => {
    const spec = await buildSpec(SHADOWING_DOC);
    if (!spec.ok) throw new Error(spec.error);
    const seen: string[] = [];
    const mock = createMock({
      spec: spec.value,
      accounts: 1,
      customers: 1,
      fallback: () => async (request) => {
        seen.push(`${request.method} ${request.path}`);
        return { status: 200, headers: {}, body: { ok: true } };
      },
    });
    expect((await call(mock, 'POST', '/price_plans/migration')).status).toBe(200);
    expect(seen).toEqual(['POST /price_plans/migration']);
    const wrong = await call(mock, 'DELETE', '/price_plans/migration');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    expect(wrong.body).toEqual({ message: 'method: DELETE is not allowed on /price_plans/migration' });
    const unknown = await call(mock, 'GET', '/plans');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ message: 'path: no operation at GET /plans' });
  });
});
