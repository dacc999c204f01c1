import { describe, expect, it } from 'vitest';
import { createAjv } from '../../src/spec/create-ajv.ts';
import { extractContract } from '../../src/spec/extract-contract.ts';

const doc = {
  openapi: '3.0.3',
  paths: {
    '/items/{item_id}': {
      get: {
        operationId: 'getItem',
        summary: 'prose',
        parameters: [
          {
            name: 'item_id',
            in: 'path',
            required: true,
            description: 'prose',
            schema: { type: 'string', example: 'x' },
          },
        ],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
          },
          '204': { description: 'nothing' },
        },
      },
      post: {
        operationId: 'makeItem',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Create' },
              examples: { First: { $ref: '#/components/examples/First' } },
            },
          },
        },
        responses: {},
      },
    },
  },
  components: {
    schemas: {
      Item: {
        type: 'object',
        title: 'Item',
        additionalProperties: false,
        'x-internal': true,
        properties: {
          name: { type: 'string', nullable: true },
          children: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
        },
      },
      Base: {
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: { id: { type: 'string' } },
      },
      Create: {
        allOf: [
          { $ref: '#/components/schemas/Base' },
          { type: 'object', properties: { owner: { type: 'string' } } },
        ],
      },
    },
    examples: { First: { summary: 'prose', value: { id: 'I1', owner: 'O1' } } },
  },
};

describe('extractContract', () => {
  const facts = extractContract(doc, ['GET /items/{}', 'POST /items/{}']);

  it('keeps facts, drops prose and vendor extensions, and keeps named request examples apart', () => {
    expect(facts.operations.map((op) => op.operationId)).toEqual(['getItem', 'makeItem']);
    expect(facts.operations[0]?.parameters).toEqual([
      { name: 'item_id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(facts.operations[0]?.responses['204']).toBeNull();
    expect(facts.requestExamples).toEqual({ makeItem: { First: { id: 'I1', owner: 'O1' } } });
  });

  it('merges allOf, closing the union as Prism does', () => {
    expect(facts.operations[1]?.requestBody?.schema).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['id'],
      properties: { id: { type: 'string' }, owner: { type: 'string' } },
    });
  });

  it('keeps a recursive schema once, referred to by #/schemas/Name, so ajv can load the result whole', () => {
    expect(facts.operations[0]?.responses['200']).toMatchObject({
      properties: { children: { items: { $ref: '#/schemas/Item' } } },
    });
    expect(facts.schemas.Item).toMatchObject({
      additionalProperties: false,
      properties: { children: { items: { $ref: '#/schemas/Item' } } },
    });
    const ajv = createAjv();
    ajv.addSchema({ $id: 'facts', ...facts });
    const validate = ajv.compile({ $ref: 'facts#/operations/0/responses/200' });
    expect(validate({ name: 'a', children: [{ name: 'b', children: [] }] })).toBe(true);
    expect(validate({ children: [{ children: [{ extra: 1 }] }] })).toBe(false);
  });
});
