import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SPEC_PATH } from '../../src/spec/load-spec.ts';
import { PUBLISHED_DESCRIPTION } from '../helpers/published-description.ts';
import { createResponseValidator } from '../helpers/response-validator.ts';
import { startMock, type TestMock } from '../helpers/start-mock.ts';

// Every example request Togai's published description gives for the operations our spec serves
// from the store succeeds against the default mock (issue 20): the ids, aliases and customers the
// examples name are seeded (src/store/seed-examples.ts). Each request runs on a fresh tenant.

type Doc = Record<string, unknown>;
interface ExampleRequest {
  name: string;
  operationId: string;
  method: string;
  path: string;
  body?: Doc;
}

const METHODS = ['get', 'post', 'patch', 'put', 'delete'];

if (PUBLISHED_DESCRIPTION === undefined)
  console.warn(
    'published examples skipped: no fixtures/published/openapi.yaml nor ../shared/togai-published',
  );

/** The example requests of the published operations our spec declares (by method and path). */
function exampleRequests(publishedPath: string): ExampleRequest[] {
  const published = load(readFileSync(publishedPath, 'utf8')) as Doc;
  const ours = load(readFileSync(DEFAULT_SPEC_PATH, 'utf8')) as Doc;
  const deref = (value: unknown): Doc => {
    let node = value as Doc;
    while (typeof node?.$ref === 'string')
      node = node.$ref
        .slice(2)
        .split('/')
        .reduce<Doc>((at, key) => at[key] as Doc, published);
    return node;
  };
  const requests: ExampleRequest[] = [];
  for (const [template, item] of Object.entries(ours.paths as Record<string, Doc>))
    for (const method of METHODS) {
      const operation = item[method] as Doc | undefined;
      const publishedItem = (published.paths as Record<string, Doc>)[template] ?? {};
      const publishedOperation = publishedItem[method] as Doc | undefined;
      if (operation === undefined || publishedOperation === undefined) continue;
      const parameters = [
        ...((publishedItem.parameters as unknown[]) ?? []),
        ...((publishedOperation.parameters as unknown[]) ?? []),
      ].map(deref);
      const exampleOf = (parameter: Doc) =>
        parameter.example ?? (parameter.schema as Doc | undefined)?.example;
      let path = template;
      const query = new URLSearchParams();
      for (const parameter of parameters) {
        const example = exampleOf(parameter);
        if (example === undefined) continue;
        if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, String(example));
        // The published nextToken decodes to {"lastItemId": "string", ...}: a placeholder no server
        // issued, refused with 400 by design (spec/openapi.yaml, NextToken's decision). Left out.
        else if (parameter.in === 'query' && parameter.name !== 'nextToken')
          query.set(String(parameter.name), String(example));
      }
      const url = query.size > 0 ? `${path}?${query}` : path;
      const media = (deref(publishedOperation.requestBody)?.content as Doc | undefined)?.[
        'application/json'
      ] as Doc | undefined;
      const named = Object.entries((media?.examples as Record<string, unknown>) ?? {});
      const base = { operationId: String(operation.operationId), method: method.toUpperCase(), path: url };
      if (named.length === 0) requests.push({ ...base, name: `${base.method} ${url}` });
      for (const [name, example] of named)
        requests.push({
          ...base,
          name: `${base.method} ${url} with ${name}`,
          body: deref(example).value as Doc,
        });
    }
  return requests;
}

const requests = PUBLISHED_DESCRIPTION === undefined ? [] : exampleRequests(PUBLISHED_DESCRIPTION);

describe.skipIf(PUBLISHED_DESCRIPTION === undefined)(
  'published example requests against the default mock',
  () => {
    let mock: TestMock;
    let validate: (operationId: string, status: number, body: unknown) => string[];
    let tenant = 0;

    beforeAll(async () => {
      mock = await startMock();
      validate = await createResponseValidator();
    });
    afterAll(() => mock?.close());

    it('covers every operation the store serves, and each body example', () => {
      expect(new Set(requests.map((request) => request.operationId)).size).toBe(13);
      expect(requests.filter((request) => request.body !== undefined).length).toBeGreaterThanOrEqual(6);
    });

    /**
     * A create example reuses the id its read examples name: it succeeds once that id is free, so
     * the account or customer is first deleted with the published delete example of its path.
     */
    async function freeIds(token: string, request: ExampleRequest): Promise<void> {
      if (request.method !== 'POST' || request.body?.id === undefined) return;
      const ids: [string, unknown][] = [
        [request.path, request.body.id],
        ['/accounts', (request.body.account as Doc | undefined)?.id],
      ];
      for (const [collection, id] of ids) {
        if (typeof id !== 'string') continue;
        const at = `${collection}/${encodeURIComponent(id)}`;
        if ((await mock.call('GET', at, { token })).status !== 200) continue;
        expect((await mock.call('DELETE', at, { token })).status).toBe(200);
      }
    }

    it.each(requests.map((request) => [request.name, request] as const))(
      'succeeds: %s',
      async (_, request) => {
        const token = `published-example-${tenant++}`;
        await freeIds(token, request);
        const res = await mock.call(request.method, request.path, {
          token,
          ...(request.body === undefined ? {} : { body: request.body }),
        });
        expect(res.status, res.text).toBeGreaterThanOrEqual(200);
        expect(res.status, res.text).toBeLessThan(300);
        expect(validate(request.operationId, res.status, res.body)).toEqual([]);
      },
    );
  },
);
