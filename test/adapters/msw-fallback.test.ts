import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { buildPreparedSpec, createHandlers } from 'togai-accounts-mock/msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_SPEC_PATH } from '../../src/spec/load-spec.ts';
import { startMock, type TestMock } from '../helpers/start-mock.ts';

/** The bundled spec plus operations the store knows nothing about: a valid example, a broken one. */
async function documentWithExtras(): Promise<Record<string, unknown>> {
  const document = parse(await readFile(DEFAULT_SPEC_PATH, 'utf8'));
  const summary = {
    type: 'object',
    additionalProperties: false,
    required: ['accountId', 'events'],
    properties: { accountId: { type: 'string' }, events: { type: 'integer', minimum: 0 } },
  };
  document.paths['/accounts/{account_id}/usage_summary'] = {
    parameters: [{ $ref: '#/components/parameters/AccountId' }],
    get: {
      operationId: 'getUsageSummary',
      responses: {
        '200': {
          description: 'A summary.',
          content: {
            'application/json': {
              schema: summary,
              examples: {
                busy: { value: { accountId: 'ACME_ACCOUNT_42', events: 1234 } },
                broken: { value: { accountId: 'ACME_ACCOUNT_42', events: -5 } },
              },
            },
          },
        },
        '404': { $ref: '#/components/responses/NotFound' },
      },
    },
  };
  document.paths['/usage_broken'] = {
    get: {
      operationId: 'getBroken',
      responses: {
        '200': {
          description: 'x',
          content: { 'application/json': { schema: summary, example: { events: 'many' } } },
        },
      },
    },
  };
  return document;
}

const ORIGIN = 'https://api.togai.com';
const server = setupServer();
let http: TestMock;
let specFile: string;

beforeAll(async () => {
  const document = await documentWithExtras();
  const built = buildPreparedSpec(document);
  if (!built.ok) throw new Error(built.error);
  server.use(...createHandlers({ spec: built.value, accounts: 5, customers: 1 }));
  server.listen({
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  });
  specFile = join(await mkdtemp(join(tmpdir(), 'togai-msw-spec-')), 'openapi.json');
  await writeFile(specFile, JSON.stringify(document));
  http = await startMock({ specPath: specFile, accounts: 5, customers: 1 });
});
afterAll(async () => {
  server.close();
  await http.close();
});

const read = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { headers: { authorization: 'Bearer t', ...headers } });
  return { status: res.status, code: res.headers.get('x-error-code'), text: await res.text() };
};

describe('operations the store does not implement, under MSW', () => {
  it.each([
    ['/accounts/ANY/usage_summary', {}],
    ['/accounts/ANY/usage_summary', { prefer: 'code=404' }],
    ['/accounts/ANY/usage_summary', { prefer: 'example=busy' }],
    ['/accounts/ANY/usage_summary', { prefer: 'example=broken' }],
    ['/accounts/ANY/usage_summary', { prefer: 'example=nope' }],
    ['/usage_broken', {}],
  ])(
    'answer %s %j exactly as the server does (its default spec fallback, no Prism)',
    async (path, headers) => {
      const inProcess = await read(`${ORIGIN}${path}`, headers);
      expect(inProcess).toEqual(await read(`${http.url}${path}`, headers));
    },
  );

  it('answer from the example about an account that exists (404 otherwise), or data generated from the schema when the example breaks it', async () => {
    const listed = JSON.parse((await read(`${ORIGIN}/accounts?pageSize=1`)).text) as {
      data: { id: string }[];
    };
    const id = listed.data[0]?.id as string;
    const answer = await read(`${ORIGIN}/accounts/${id}/usage_summary`);
    expect(answer).toEqual(await read(`${http.url}/accounts/${id}/usage_summary`));
    expect(JSON.parse(answer.text)).toEqual({ accountId: id, events: 1234 });
    expect((await read(`${ORIGIN}/accounts/ANY/usage_summary`)).status).toBe(404);
    const generated = JSON.parse((await read(`${ORIGIN}/usage_broken`)).text) as { events: unknown };
    expect(generated.events).toBeTypeOf('number');
    expect(generated.events as number).toBeGreaterThanOrEqual(0);
    expect((await read(`${ORIGIN}/accounts/ANY/usage_summary`, { authorization: '' })).status).toBe(401);
  });
});
