import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toAcyclicSchema } from '../../src/spec/acyclic-schema.ts';
import { createAjv } from '../../src/spec/create-ajv.ts';
import { buildSpec } from '../../src/spec/load-spec.ts';
import { sampleSchema } from '../../src/spec/sample-schema.ts';

const PUBLISHED = resolve(
  fileURLToPath(new URL('../..', import.meta.url)),
  '..',
  'shared',
  'togai-published',
  'openapi.yaml',
);
const hasPublished = existsSync(PUBLISHED);
if (!hasPublished) console.warn(`skipping the published sampling test: ${PUBLISHED} not found (CI has it)`);

const valid = (schema: object, value: unknown) =>
  createAjv().compile(toAcyclicSchema(schema) as object)(value);

describe('sampleSchema', () => {
  it('meets bounds, formats, patterns, enums and required properties at their edge', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'when', 'code', 'status', 'count', 'tags', 'ratio'],
      properties: {
        id: { type: 'string', minLength: 12, maxLength: 12 },
        when: { type: 'string', format: 'date-time' },
        code: { type: 'string', pattern: '^[A-Za-z0-9]{3,50}$' },
        status: { type: 'string', enum: ['ACTIVE', 'DRAFT'] },
        count: { type: 'integer', minimum: 3 },
        tags: { type: 'array', minItems: 2, uniqueItems: true, items: { type: 'string' } },
        ratio: { type: 'number', exclusiveMaximum: -1 },
        optional: { type: 'string' },
      },
    };
    const sample = sampleSchema(schema);
    expect(sample).toEqual({
      id: 'samplexxxxxx',
      when: '2024-01-01T00:00:00.000Z',
      code: 'sample',
      status: 'ACTIVE',
      count: 3,
      tags: ['sample0', 'sample1'],
      ratio: -1.5,
    });
    expect(valid(schema, sample)).toBe(true);
  });

  it('ends a recursive schema, and toAcyclicSchema lets ajv compile it', () => {
    const item: Record<string, unknown> = { type: 'object', required: ['name', 'children'], properties: {} };
    item.properties = { name: { type: 'string' }, children: { type: 'array', items: item } };
    expect(sampleSchema(item)).toEqual({ name: 'sample', children: [] });
    expect(valid(item, { name: 'a', children: [{ name: 'b', children: [] }] })).toBe(true);
    expect(valid(item, { name: 'a', children: [{ children: [] }] })).toBe(false);
  });

  it.skipIf(!hasPublished)(
    'gives a value valid against every response schema of Togai’s published description',
    async () => {
      const spec = await buildSpec(parse(readFileSync(PUBLISHED, 'utf8'), { maxAliasCount: -1 }));
      if (!spec.ok) throw new Error(spec.error);
      const ajv = createAjv();
      const invalid: string[] = [];
      let sampled = 0;
      for (const op of spec.value.operations)
        for (const [status, response] of Object.entries(op.responses)) {
          const schema = response.content['application/json']?.schema;
          if (!schema) continue;
          sampled++;
          const validate = ajv.compile(toAcyclicSchema(schema) as object);
          if (!validate(sampleSchema(schema))) invalid.push(`${op.operationId} ${status}`);
        }
      expect(invalid).toEqual([]);
      expect(sampled).toBeGreaterThan(800);
    },
    60_000,
  );
});
