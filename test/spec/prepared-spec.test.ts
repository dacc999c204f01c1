import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  loadBundledSource,
  renderSpecModule,
  renderValidatorsModule,
  SPEC_MODULE,
  SPEC_YAML,
  VALIDATORS_MODULE,
} from '../../scripts/build-prepared.ts';
import { compileRequestParts, compileSchema } from '../../src/core/compile-validators.ts';
import { fixtureSchemaOf } from '../../src/core/fixtures.ts';
import { buildPreparedSpec } from '../../src/spec/build-prepared-spec.ts';
import { bundledSpec } from '../../src/spec/bundled-spec.ts';
import { dereferenceLocal } from '../../src/spec/dereference-local.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';

const PUBLISHED = fileURLToPath(new URL('../../../shared/togai-published/openapi.yaml', import.meta.url));
const hasPublished = existsSync(PUBLISHED);
if (!hasPublished) console.warn(`published-spec checks skipped: ${PUBLISHED} not found`);

describe('the bundled spec prepared at build time', () => {
  it('is up to date with spec/openapi.yaml and ajv (else run npm run build:prepare)', async () => {
    const source = await loadBundledSource();
    expect(await readFile(SPEC_MODULE, 'utf8')).toBe(renderSpecModule(source));
    expect(await readFile(VALIDATORS_MODULE, 'utf8')).toBe(renderValidatorsModule(source));
    expect(bundledSpec().document).toEqual(parseYaml(await readFile(SPEC_YAML, 'utf8'), { version: '1.2' }));
  });

  it('builds the same operations and schemas as loading the YAML file', async () => {
    const loaded = await loadSpec();
    if (!loaded.ok) throw new Error(loaded.error);
    const prepared = bundledSpec();
    expect(prepared.operations).toEqual(loaded.value.operations);
    expect(prepared.schemas).toEqual(loaded.value.schemas);
    expect(prepared.dereferenced).toEqual(loaded.value.dereferenced);
  });

  it("has generated validators that judge every request part as ajv's run-time compile does", async () => {
    const loaded = await loadSpec();
    if (!loaded.ok) throw new Error(loaded.error);
    const values = [
      undefined,
      null,
      true,
      0,
      -1,
      1.5,
      50,
      101,
      '',
      'x',
      'ASC',
      'a'.repeat(600),
      '😀'.repeat(60),
    ];
    const objects = [{}, { id: 'ACC1', name: 'x' }, { id: '', name: '' }, { extra: 1 }, { aliases: ['a'] }];
    let judged = 0;
    for (const operation of bundledSpec().operations) {
      const prepared = await bundledSpec().validators?.forOperation(operation);
      const compiled = compileRequestParts(loaded.value, operation);
      expect(Object.keys(prepared ?? {}).sort()).toEqual(Object.keys(compiled).sort());
      for (const [part, validate] of Object.entries(compiled)) {
        const generated = prepared?.[part];
        if (!generated) throw new Error(`no generated validator for ${part}`);
        for (const value of [...values, ...objects]) {
          expect([generated(value), generated.errors]).toEqual([validate(value), validate.errors]);
          judged += 1;
        }
      }
    }
    const fixture = fixtureSchemaOf(loaded.value);
    const generated = bundledSpec().validators?.fixture;
    if (!fixture || !generated) throw new Error('no fixture validator');
    const compiled = compileSchema(loaded.value, fixture);
    for (const value of [{}, { accounts: [{}] }, { customers: [{ id: 'C1', name: 'n' }] }, { replace: 1 }]) {
      expect([generated(value), generated.errors]).toEqual([compiled(value), compiled.errors]);
    }
    expect(judged).toBeGreaterThan(300);
  });

  it('refuses a document that is not OpenAPI 3, and names a $ref that points nowhere', () => {
    expect(buildPreparedSpec({ swagger: '2.0' })).toMatchObject({ ok: false });
    const broken = buildPreparedSpec({
      openapi: '3.0.3',
      paths: { '/a': { get: { responses: { '200': { $ref: '#/components/responses/Gone' } } } } },
    });
    expect(broken).toEqual({
      ok: false,
      error: 'spec: spec has a $ref that cannot be resolved: $ref #/components/responses/Gone points nowhere',
    });
  });
});

describe.skipIf(!hasPublished)("dereferenceLocal on Togai's published description", () => {
  it('resolves every $ref as json-schema-ref-parser does, recursive schemas as cycles', async () => {
    const document = parseYaml(await readFile(PUBLISHED, 'utf8'));
    const ours = dereferenceLocal(document);
    const theirs = await $RefParser.dereference(structuredClone(document), { resolve: { external: false } });
    expect(ours).toEqual(theirs);
    const schemas = (ours.components as { schemas: Record<string, { properties: Record<string, unknown> }> })
      .schemas;
    const item = schemas.InvoiceLineItem;
    // The cycle: a line item's lineItems are line items, the same object.
    if (!item) throw new Error('the published description has no InvoiceLineItem');
    expect((item.properties.lineItems as { items: unknown }).items).toBe(item);
  });
});
