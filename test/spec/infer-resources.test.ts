import { describe, expect, it } from 'vitest';
import { buildSpec } from '../../src/spec/build-spec.ts';
import { formatResources } from '../../src/spec/resources/format-resources.ts';
import { inferResources } from '../../src/spec/resources/infer-resources.ts';
import { createdKeysOf, keysOfList, nextPageOf, resourceAt } from '../../src/spec/resources/model-lookup.ts';
import { type ResourceOverlay, readOverlay } from '../../src/spec/resources/resource-overlay.ts';

type Obj = Record<string, unknown>;
const json = (schema: Obj) => ({ content: { 'application/json': { schema } } });
const ok = (schema: Obj) => ({ '200': { description: 'ok', ...json(schema) } });
const param = (name: string, schema: Obj = { type: 'string' }) => ({
  name,
  in: 'path',
  required: true,
  schema,
});
const query = (name: string) => ({ name, in: 'query', schema: { type: 'string' } });

/** A collection at `path` with a list answering `list`, a create, and items read at `{param}`. */
function crud(path: string, p: Obj, item: Obj, list: Obj, listParams: Obj[] = []): Obj {
  return {
    [path]: {
      get: { operationId: `list ${path}`, parameters: listParams, responses: ok(list) },
      post: { operationId: `create ${path}`, requestBody: json(item), responses: ok(item) },
    },
    [`${path}/{${p.name}}`]: {
      parameters: [p],
      get: { operationId: `read ${path}`, responses: ok(item) },
      delete: { operationId: `delete ${path}`, responses: { '204': { description: 'gone' } } },
    },
  };
}

async function modelOf(paths: Obj, overlay?: ResourceOverlay, components: Obj = {}) {
  const spec = await buildSpec({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths, components });
  if (!spec.ok) throw new Error(spec.error);
  return inferResources(spec.value, overlay);
}

const pet = { type: 'object', properties: { id: { type: 'integer' }, petName: { type: 'string' } } };

describe('resource inference', () => {
  it('finds a collection, its items and its key by the parameter name, with a bare array list', async () => {
    const model = await modelOf(crud('/pets', param('petId'), pet, { type: 'array', items: pet }));
    const pets = resourceAt(model, '/pets');
    expect(pets).toMatchObject({
      name: 'pets',
      itemPath: '/pets/{petId}',
      key: { param: 'petId', property: 'id', by: 'name' },
      list: { envelope: 'array' },
      stateful: true,
    });
    expect(pets?.operations.map((o) => o.role)).toEqual(['list', 'create', 'read', 'delete']);
    expect(keysOfList(pets, [{ id: 1 }, { id: 2 }])).toEqual(['1', '2']);
  });

  it('keys by a shared $ref, then a shared format, then id', async () => {
    const byRef = await modelOf(
      crud(
        '/a',
        param('handle', { $ref: '#/components/schemas/Handle' }),
        { $ref: '#/components/schemas/A' },
        {},
      ),
      undefined,
      {
        schemas: {
          Handle: { type: 'string' },
          A: {
            type: 'object',
            properties: { id: { type: 'string' }, slug: { $ref: '#/components/schemas/Handle' } },
          },
        },
      },
    );
    expect(resourceAt(byRef, '/a')?.key).toEqual({ param: 'handle', property: 'slug', by: 'ref' });
    const uuid = { type: 'string', format: 'uuid' };
    const byFormat = await modelOf(
      crud(
        '/b',
        param('ref', uuid),
        { type: 'object', properties: { id: { type: 'integer' }, uid: uuid } },
        {},
      ),
    );
    expect(resourceAt(byFormat, '/b')?.key).toEqual({ param: 'ref', property: 'uid', by: 'format' });
    const byId = await modelOf(crud('/c', param('thing_id_str'), pet, {}));
    expect(resourceAt(byId, '/c')?.key).toEqual({ param: 'thing_id_str', property: 'id', by: 'id' });
    const none = await modelOf(crud('/d', param('org'), pet, {}));
    expect(resourceAt(none, '/d')).toMatchObject({
      stateful: false,
      why: 'no property of the item matches {org}',
    });
  });

  it('reads envelopes: {data, nextToken}, {items, meta.cursors.next}, and items wrapped in {data}', async () => {
    const model = await modelOf({
      ...crud(
        '/accounts',
        param('account_id'),
        pet,
        {
          type: 'object',
          properties: { data: { type: 'array', items: pet }, nextToken: { type: 'string' } },
        },
        [query('pageSize'), query('nextToken')],
      ),
      ...crud(
        '/crm/leads',
        param('id'),
        { type: 'object', properties: { status: { type: 'string' }, data: pet } },
        {
          type: 'object',
          properties: {
            items: { type: 'array', items: pet },
            meta: {
              type: 'object',
              properties: { cursors: { type: 'object', properties: { next: { type: 'string' } } } },
            },
          },
        },
        [query('limit'), query('cursor')],
      ),
    });
    const accounts = resourceAt(model, '/accounts');
    expect(accounts?.list).toEqual({
      envelope: 'object',
      items: 'data',
      next: 'nextToken',
      pageSize: 'pageSize',
      page: { param: 'nextToken', style: 'token' },
    });
    expect(nextPageOf(accounts, { data: [], nextToken: 't1' })).toBe('t1');
    const leads = resourceAt(model, '/crm/leads');
    expect(leads?.list).toMatchObject({
      items: 'items',
      next: 'meta.cursors.next',
      page: { style: 'cursor' },
    });
    expect(leads?.itemIn).toBe('data');
    expect(createdKeysOf(leads, { status: 'ok', data: { id: 7 } })).toEqual(['7']);
  });

  it('nests collections under their parent item, and takes POST /a/{id}/verb for an action', async () => {
    const model = await modelOf({
      ...crud('/a', param('a_id'), pet, { type: 'array', items: pet }),
      ...crud('/a/{a_id}/b', param('b_id'), pet, { type: 'array', items: pet }),
      '/a/{a_id}/archive': {
        parameters: [param('a_id')],
        post: { operationId: 'archive', responses: ok(pet) },
      },
    });
    expect(resourceAt(model, '/a/{a_id}/b')).toMatchObject({
      name: 'a.b',
      parent: { name: 'a', param: 'a_id' },
    });
    expect(model.operations.find((o) => o.operationId === 'archive')).toMatchObject({
      resource: 'a',
      role: 'action',
      stateful: false,
    });
  });

  it('says why an operation is answered from examples', async () => {
    const model = await modelOf({
      '/stats': { get: { operationId: 'stats', responses: ok(pet) } },
      '/search': { post: { operationId: 'search', responses: ok(pet) } },
      '/logs': { get: { operationId: 'logs', responses: ok({ type: 'array', items: pet }) } },
      '/jobs': { post: { operationId: 'job', responses: ok(pet) } },
      '/jobs/{job_id}': {
        parameters: [param('job_id')],
        delete: { operationId: 'cancel', responses: ok(pet) },
      },
    });
    const why = Object.fromEntries(model.operations.map((o) => [o.operationId, o.why]));
    expect(why).toEqual({
      stats: 'answers one object, not a list: a singleton, answered from examples',
      search: 'a POST with no list or item path beside it: a call, not a collection',
      logs: 'no create (POST /logs): read-only, answered from examples',
      job: 'no read of one item (GET /jobs/{id}): a created item could not be read',
      cancel: 'no read of one item (GET /jobs/{id}): a created item could not be read',
    });
  });

  it('lets an overlay and x- extensions fix the guess, and reports overlay entries that match nothing', async () => {
    const paths = crud('/c', param('thing'), pet, {});
    (paths['/c/{thing}'] as { parameters: Obj[] }).parameters = [
      { ...param('thing'), 'x-togai-mock-key': 'petName' },
    ];
    (paths['/c'] as { post: Obj }).post['x-togai-mock-role'] = 'none';
    const fromExtension = await modelOf(paths);
    expect(resourceAt(fromExtension, '/c')?.key).toEqual({
      param: 'thing',
      property: 'petName',
      by: 'extension',
    });
    expect(resourceAt(fromExtension, '/c')?.why).toBe(
      'no create (POST /c): read-only, answered from examples',
    );
    const overlaid = await modelOf(paths, {
      resources: { '/c': { key: 'id', stateful: false, why: 'kept static on purpose' }, '/nope': {} },
      operations: { ghost: { role: 'none' } },
    });
    expect(resourceAt(overlaid, '/c')).toMatchObject({
      key: { property: 'id', by: 'overlay' },
      stateful: false,
      why: 'kept static on purpose',
    });
    expect(overlaid.unused).toEqual([
      'resources["/nope"]: no collection at this path',
      'operations["ghost"]: no operation with this operationId',
    ]);
    expect(formatResources(overlaid)).toContain(
      'not applied:\n  resources["/nope"]: no collection at this path',
    );
  });
});

describe('the overlay file', () => {
  it('is checked against its schema, with errors naming the file and the field', () => {
    expect(
      readOverlay({ resources: { '/pets': { key: 'id', list: { envelope: 'object', items: 'data' } } } }).ok,
    ).toBe(true);
    const wrongRole = readOverlay({ operations: { listPets: { role: 'lsit' } } });
    expect(wrongRole).toEqual({
      ok: false,
      error:
        'togai-mock.resources.json: operations.listPets.role: must be one of list, create, read, update, replace, delete, action, none',
    });
    const badPath = readOverlay({ resources: { pets: {} } }, 'my.json');
    expect(badPath.ok ? '' : badPath.error).toMatch(/^my\.json: resources/);
    const extra = readOverlay({ resources: { '/pets': { keys: 'id' } } });
    expect(extra.ok ? '' : extra.error).toBe(
      'togai-mock.resources.json: resources./pets.keys: is not an allowed property',
    );
  });
});
