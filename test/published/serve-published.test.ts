import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCE_HANDLERS, shapeOf } from '../../src/core/index.ts';
import { toAcyclicSchema } from '../../src/spec/acyclic-schema.ts';
import { createAjv } from '../../src/spec/create-ajv.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { sampleSchema } from '../../src/spec/sample-schema.ts';
import type { LoadedSpec, SpecOperation } from '../../src/spec/types.ts';
import { startMock, type TestMock } from '../helpers/start-mock.ts';

// `serve --spec <Togai's published description>` (issue 9 part 5): the store serves accounts,
// customers and aliases whatever the published operationIds; every other operation is answered by
// the fallback with a body valid against its schema.

const PUBLISHED = resolve(
  fileURLToPath(new URL('../..', import.meta.url)),
  '..',
  'shared',
  'togai-published',
  'openapi.yaml',
);
const hasPublished = existsSync(PUBLISHED);
if (!hasPublished)
  console.warn(`skipping serve --spec <published> tests: ${PUBLISHED} not found (CI has it)`);

let mock: TestMock;
let spec: LoadedSpec;

beforeAll(async () => {
  if (!hasPublished) return;
  const loaded = await loadSpec(PUBLISHED);
  if (!loaded.ok) throw new Error(loaded.error);
  spec = loaded.value;
  mock = await startMock({ specPath: PUBLISHED, seed: 4, accounts: 60, customers: 4 });
}, 60_000);
afterAll(() => mock?.close());

async function walk(first: string): Promise<{ id: string }[]> {
  const items: { id: string }[] = [];
  let path = first;
  for (let page = 0; page < 200; page++) {
    const res = await mock.call('GET', path);
    expect(res.status, path).toBe(200);
    const body = res.body as { data: { id: string }[]; nextToken?: string };
    items.push(...body.data);
    if (!body.nextToken) return items;
    path = `${first.split('?')[0]}?nextToken=${encodeURIComponent(body.nextToken)}`;
  }
  throw new Error(`${first}: the walk never ended`);
}

describe.skipIf(!hasPublished)('serve --spec <Togai’s published description>', () => {
  it('walks the seeded accounts page by page and finds one created with POST /accounts and customerId', async () => {
    const seeded = await walk('/accounts?pageSize=7');
    expect(new Set(seeded.map((a) => a.id)).size).toBe(60);
    const customers = await walk('/customers?pageSize=3');
    expect(customers).toHaveLength(4);
    const created = await mock.call('POST', '/accounts', {
      body: {
        id: 'zz-published',
        name: 'Published account',
        customerId: customers[0]?.id,
        aliases: ['one-alias', 'two-alias'],
      },
    });
    expect(created.status).toBe(201);
    const after = await walk('/accounts?pageSize=50');
    expect(after.map((a) => a.id)).toContain('zz-published');
    const aliases = await walk('/accounts/zz-published/account_aliases?pageSize=1');
    expect(aliases).toHaveLength(2);
  });

  it('answers every operation the store does not implement with a body valid against its schema', async () => {
    const ajv = createAjv();
    const validators = new Map<object, ValidateFunction>();
    const fallbackOps = spec.operations.filter((op) => !(shapeOf(op.method, op.path) in RESOURCE_HANDLERS));
    expect(fallbackOps.length).toBe(spec.operations.length - 13);
    const problems: string[] = [];
    for (const op of fallbackOps) {
      const res = await mock.call(op.method.toUpperCase(), requestPath(op), requestBody(op));
      const schema = (op.responses[String(res.status)] ?? op.responses.default)?.content['application/json']
        ?.schema;
      if (res.status >= 300 || !schema) {
        problems.push(`${op.operationId}: ${res.status} ${res.text.slice(0, 120)}`);
        continue;
      }
      let validate = validators.get(schema);
      if (!validate) {
        validate = ajv.compile(toAcyclicSchema(schema) as object);
        validators.set(schema, validate);
      }
      if (!validate(res.body)) problems.push(`${op.operationId}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(problems).toEqual([]);
  }, 60_000);
});

/** The operation's path with sampled path parameters, and its required query parameters. */
function requestPath(op: SpecOperation): string {
  let path = op.path;
  const query = new URLSearchParams();
  for (const param of op.parameters) {
    const value = sampleSchema(param.schema);
    const text = Array.isArray(value) ? value.join(',') : String(value);
    if (param.in === 'path') path = path.replace(`{${param.name}}`, encodeURIComponent(text));
    else if (param.in === 'query' && param.required) query.set(param.name, text);
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

function requestBody(op: SpecOperation): { body?: unknown } {
  const schema = op.requestBody?.content['application/json']?.schema;
  return schema ? { body: sampleSchema(schema) } : {};
}
