import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCE_HANDLERS, shapeOf } from '../../src/core/index.ts';
import { itemServingFor } from '../../src/core/items/plan-for-spec.ts';
import { toAcyclicSchema } from '../../src/spec/acyclic-schema.ts';
import { createAjv } from '../../src/spec/create-ajv.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { sampleSchema } from '../../src/spec/sample-schema.ts';
import type { LoadedSpec, SpecOperation } from '../../src/spec/types.ts';
import { startMock, type TestMock } from '../helpers/start-mock.ts';

// `serve --spec <Togai's published description>`: the store serves accounts, customers and aliases
// with Togai's rules, every other collection of the description from state, and what is left from
// its examples; every answer is valid against the published schemas.

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

  it('answers every other operation, naming items that exist, with a body valid against its schema', async () => {
    const ajv = createAjv();
    const validators = new Map<object, ValidateFunction>();
    const otherOps = spec.operations.filter((op) => !(shapeOf(op.method, op.path) in RESOURCE_HANDLERS));
    expect(otherOps.length).toBe(spec.operations.length - 13);
    const ids = await existingIds();
    const problems: string[] = [];
    const contradictions: string[] = [];
    // Reads first, so that a delete does not take an item another operation names.
    const order = (op: SpecOperation) => (op.method === 'delete' ? 2 : op.method === 'get' ? 0 : 1);
    for (const op of [...otherOps].sort((a, b) => order(a) - order(b))) {
      // A path naming an item no list shows (a nested read-only one) names one that does not exist.
      const unknown = fill(op.path, ids).includes('{');
      const res = await mock.call(op.method.toUpperCase(), requestPath(op, ids), requestBody(op));
      const schema = (op.responses[String(res.status)] ?? op.responses.default)?.content['application/json']
        ?.schema;
      const expected = unknown ? res.status < 300 || res.status === 404 : res.status < 300;
      if (!expected || !schema) {
        problems.push(`${op.operationId}: ${res.status} ${res.text.slice(0, 120)}`);
        continue;
      }
      let validate = validators.get(schema);
      if (!validate) {
        validate = ajv.compile(toAcyclicSchema(schema) as object);
        validators.set(schema, validate);
      }
      if (validate(res.body)) continue;
      const text = `${op.operationId}: ${ajv.errorsText(validate.errors)}`;
      if (unsatisfiable(schema, validate.errors ?? [])) contradictions.push(text);
      else problems.push(text);
    }
    expect(problems).toEqual([]);
    // The description's own contradictions: a schema nothing can satisfy (a required property its
    // closed object has no room for). Listed so a new one shows.
    expect(contradictions).toEqual(["getJobEntries: data/data/0 must have required property 'comments'"]);
  }, 60_000);
});

/**
 * An existing item for every path parameter that names one: the first of each held collection
 * (parents first, so a nested collection's path can be filled), and the first account and customer.
 */
async function existingIds(): Promise<Map<string, string>> {
  // By item path (`/v2/price_plans/{price_plan_id}`): two resources may name their items alike.
  const ids = new Map<string, string>();
  const first = async (path: string, keyProperty: string, itemsAt: string | undefined) => {
    const res = await mock.call('GET', path);
    if (res.status !== 200) return undefined;
    let items: unknown = res.body;
    for (const part of (itemsAt ?? '').split('.').filter(Boolean))
      items = (items as Record<string, unknown>)?.[part];
    const item = (Array.isArray(items) ? items[0] : undefined) as Record<string, unknown> | undefined;
    const key = item?.[keyProperty];
    return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
  };
  ids.set('/accounts/{account_id}', (await first('/accounts', 'id', 'data')) ?? '');
  ids.set('/customers/{customer_id}', (await first('/customers', 'id', 'data')) ?? '');
  ids.set('/v2/accounts/{account_id}', ids.get('/accounts/{account_id}') ?? '');
  for (const stored of itemServingFor(spec, 4).plan.resources) {
    const { itemPath, collectionPath, list } = stored.resource;
    if (!itemPath || !stored.keyProperty || !stored.operations.has('list')) continue;
    const itemsAt = list?.envelope === 'array' ? '' : (list?.items ?? 'data');
    const key = await first(fill(collectionPath, ids), stored.keyProperty, itemsAt);
    if (key !== undefined) ids.set(itemPath, key);
  }
  return ids;
}

/** `path` with each parameter naming a known item set to its id (by the item path ending there). */
function fill(path: string, ids: ReadonlyMap<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (whole: string, _name: string, at: number) => {
    const known = ids.get(`${path.slice(0, at)}${whole}`);
    return known === undefined ? whole : encodeURIComponent(known);
  });
}

/** The operation's path with existing ids (or sampled values) as path parameters, and its required query parameters. */
function requestPath(op: SpecOperation, ids: ReadonlyMap<string, string>): string {
  let path = fill(op.path, ids);
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

/** Whether an answer failed only on a property its closed schema requires but does not declare. */
function unsatisfiable(
  schema: object,
  errors: { keyword: string; schemaPath: string; params: Record<string, unknown> }[],
): boolean {
  return errors.every((error) => {
    let parent: unknown = schema;
    for (const part of error.schemaPath.replace(/^#\//, '').split('/').slice(0, -1))
      parent = (parent as Record<string, unknown> | undefined)?.[decodeURIComponent(part)];
    const closed = parent as { properties?: object; additionalProperties?: unknown } | undefined;
    const name = error.params.missingProperty as string | undefined;
    return (
      error.keyword === 'required' &&
      name !== undefined &&
      closed?.additionalProperties === false &&
      !(name in (closed.properties ?? {}))
    );
  });
}
