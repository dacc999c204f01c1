import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeAllOf } from '../../src/contract/schema/merge-all-of.ts';
import { arbitraryFor, arbitraryForParam } from '../../src/contract/schema/schema-arbitrary.ts';
import { isRecursive, toAcyclic } from '../../src/contract/schema/to-acyclic.ts';
import { createValidators } from '../../src/contract/validators.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { inferResources } from '../../src/spec/resources/infer-resources.ts';
import { keyPropertyOf, operationOf, resourceAt } from '../../src/spec/resources/model-lookup.ts';
import type { LoadedSpec } from '../../src/spec/types.ts';
import { operation, spec } from './helpers.ts';

const keyOf = (loaded: LoadedSpec, collection: string) =>
  keyPropertyOf(resourceAt(inferResources(loaded), collection));
const itemOperation = (loaded: LoadedSpec, role: 'read' | 'delete', collection: string) =>
  operationOf(resourceAt(inferResources(loaded), collection), role);

const PUBLISHED = fileURLToPath(new URL('../../../shared/togai-published/openapi.yaml', import.meta.url));

describe('mergeAllOf', () => {
  it('unites properties and required, keeps a closed part closed over the union, and the stricter bound', () => {
    const merged = mergeAllOf({
      allOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['a'],
          properties: { a: { type: 'string', maxLength: 9 } },
        },
        { type: 'object', required: ['b'], properties: { b: { type: 'string' }, a: { maxLength: 5 } } },
      ],
    });
    expect(merged.required).toEqual(['a', 'b']);
    expect(merged.additionalProperties).toBe(false);
    expect(Object.keys(merged.properties as object)).toEqual(['a', 'b']);
    expect((merged.properties as Record<string, { maxLength: number }>).a?.maxLength).toBe(5);
  });
  it('accepts a widget with the field of its second part, as Prism reads it', () => {
    const schema = operation('createWidget').requestBody?.content['application/json']?.schema ?? {};
    const validators = createValidators();
    expect(validators.validateBody(schema, { label: 'a', kind: 'gear' })).toEqual([]);
    expect(validators.validateBody(schema, { label: 'a', kind: 'gear', extra: 1 })[0]?.keyword).toBe(
      'additionalProperties',
    );
  });
});

describe('recursive schemas', () => {
  const widget = spec.schemas.Widget ?? {};
  it('are detected, and turned into $refs instead of a cyclic graph', () => {
    expect(isRecursive(widget)).toBe(true);
    expect(() => JSON.stringify(toAcyclic(widget))).not.toThrow();
  });
  it('validate nested values through the cycle', () => {
    const validators = createValidators();
    const deep = {
      widgetKey: 'w',
      label: 'a',
      kind: 'gear',
      parts: [{ name: 'p', parts: [{ name: 'q', parts: [{ nope: 1 }] }] }],
    };
    expect(validators.validateBody(widget, deep).map((e) => e.instancePath)).toContain(
      '/parts/0/parts/0/parts/0',
    );
  });
});

describe('fuzzing arbitraries', () => {
  it('make plain objects valid against a recursive schema, and numbers as plain decimals', () => {
    const schema = operation('createWidget').requestBody?.content['application/json']?.schema ?? {};
    const validators = createValidators();
    const bodies = fc.sample(arbitraryFor(schema), { seed: 5, numRuns: 60 }) as object[];
    expect(bodies.every((b) => Object.getPrototypeOf(b) === Object.prototype)).toBe(true);
    expect(bodies.filter((b) => validators.validateBody(schema, b).length === 0).length).toBeGreaterThan(30);
    const numbers = fc.sample(arbitraryForParam({ type: 'number' }), { seed: 5, numRuns: 200 }).map(String);
    expect(numbers.filter((n) => /e|^-0$/.test(n))).toEqual([]);
  });
});

describe('resource keys', () => {
  it('come from the path template and the item schema', () => {
    expect(keyOf(spec, '/accounts')).toBe('id');
    expect(keyOf(spec, '/widgets')).toBe('widgetKey');
    expect(itemOperation(spec, 'delete', '/widgets')?.operationId).toBe('deleteWidget');
    expect(itemOperation(spec, 'read', '/accounts')?.operationId).toBe('getAccount');
  });
});

describe("Togai's published description", () => {
  it.skipIf(!existsSync(PUBLISHED))(
    'loads, validates its recursive schemas and plans keys without serializing a cycle',
    async () => {
      const loaded = await loadSpec(PUBLISHED);
      if (!loaded.ok) throw new Error(loaded.error);
      const ops = loaded.value.operations;
      const validators = createValidators(ops);
      const invoice = ops.find((o) => o.operationId === 'getInvoice');
      const schema = invoice?.responses['200']?.content['application/json']?.schema ?? {};
      expect(isRecursive(schema)).toBe(true);
      expect(validators.validateBody(schema, { nope: true }).length).toBeGreaterThan(0);
      expect(keyOf(loaded.value, '/aliases')).toBe('value');
      expect(keyOf(loaded.value, '/event_schema')).toBe('name');
      // CreateAccountRequest: a closed part plus {customerId}; merged, a body with customerId is valid.
      const create = ops.find((o) => o.operationId === 'createAccount');
      const body = create?.requestBody?.content['application/json']?.schema ?? {};
      const errors = validators.validateBody(body, {
        id: 'a1',
        name: 'Acme',
        customerId: 'c1',
        invoiceCurrency: 'USD',
      });
      expect(errors.filter((e) => e.keyword === 'additionalProperties')).toEqual([]);
    },
  );
  if (!existsSync(PUBLISHED))
    it('is missing: ../shared/togai-published/openapi.yaml not found, tests skipped', () => {});
});
