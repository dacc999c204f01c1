import { describe, expect, it } from 'vitest';
import { createAjv } from '../../src/spec/create-ajv.ts';
import { normalizeSchema } from '../../src/spec/normalize-schema.ts';

describe('normalizeSchema', () => {
  it('merges allOf as Prism does, so a closed part plus {customerId} accepts a body with customerId', () => {
    const base = {
      type: 'object',
      additionalProperties: false,
      required: ['id'],
      properties: { id: { type: 'string' } },
    };
    const schema = {
      allOf: [
        base,
        {
          type: 'object',
          required: ['customerId'],
          properties: { customerId: { type: 'string', example: 'C1' } },
        },
      ],
    };
    const validate = createAjv().compile(normalizeSchema(schema) as object);
    expect(validate({ id: 'A', customerId: 'C' })).toBe(true);
    expect(validate({ id: 'A' })).toBe(false);
    expect(validate({ id: 'A', customerId: 'C', extra: 1 })).toBe(false);
  });

  it('keeps a recursive schema recursive after the merge', () => {
    const node: Record<string, unknown> = { type: 'object', additionalProperties: false, properties: {} };
    const item = { allOf: [node, { type: 'object', properties: { name: { type: 'string' } } }] };
    (node.properties as Record<string, unknown>).children = { type: 'array', items: item };
    const normalized = normalizeSchema(item) as { properties: { children: { items: unknown } } };
    expect(normalized.properties.children.items).toBe(normalized);
  });

  it('turns nullable into a null type and drops example', () => {
    expect(normalizeSchema({ type: 'string', nullable: true, example: 'x' })).toEqual({
      type: ['string', 'null'],
    });
  });
});
