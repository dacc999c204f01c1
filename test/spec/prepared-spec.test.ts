import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { GENERATED, renderBundledDocumentModule, SPEC_YAML } from '../../scripts/build-spec-json.ts';
import { buildPreparedSpec } from '../../src/spec/build-prepared-spec.ts';
import { BUNDLED_DOCUMENT_JSON } from '../../src/spec/bundled-document.generated.ts';
import { bundledSpec } from '../../src/spec/bundled-spec.ts';
import { dereferenceLocal } from '../../src/spec/dereference-local.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';

const PUBLISHED = fileURLToPath(new URL('../../../shared/togai-published/openapi.yaml', import.meta.url));
const hasPublished = existsSync(PUBLISHED);
if (!hasPublished) console.warn(`published-spec checks skipped: ${PUBLISHED} not found`);

describe('the bundled spec prepared at build time', () => {
  it('is up to date with spec/openapi.yaml (else run npx tsx scripts/build-spec-json.ts)', async () => {
    expect(await readFile(GENERATED, 'utf8')).toBe(await renderBundledDocumentModule());
    expect(JSON.parse(BUNDLED_DOCUMENT_JSON)).toEqual(
      parseYaml(await readFile(SPEC_YAML, 'utf8'), { version: '1.2' }),
    );
  });

  it('builds the same operations and schemas as loading the YAML file', async () => {
    const loaded = await loadSpec();
    if (!loaded.ok) throw new Error(loaded.error);
    const prepared = bundledSpec();
    expect(prepared.operations).toEqual(loaded.value.operations);
    expect(prepared.schemas).toEqual(loaded.value.schemas);
    expect(prepared.dereferenced).toEqual(loaded.value.dereferenced);
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
