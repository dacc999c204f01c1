import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpecCached, specCacheDir } from '../../../src/adapters/node/spec-cache.ts';
import { DEFAULT_SPEC_PATH, loadSpec } from '../../../src/spec/load-spec.ts';
import type { LoadedSpec } from '../../../src/spec/types.ts';

let work: string;
let specFile: string;
let cache: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'togai-spec-cache-'));
  specFile = join(work, 'openapi.yaml');
  await writeFile(specFile, await readFile(DEFAULT_SPEC_PATH));
  cache = join(work, 'cache');
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const load = async (options: { dir?: string | undefined; build?: string } = { dir: cache }) => {
  const loaded = await loadSpecCached(specFile, options);
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.value;
};

/** The cache's entry folders (one per file content and build). */
async function entries(): Promise<string[]> {
  const builds = await readdir(cache);
  return (
    await Promise.all(builds.map(async (b) => (await readdir(join(cache, b))).map((e) => join(cache, b, e))))
  ).flat();
}

const listAccounts = (spec: LoadedSpec) => {
  const operation = spec.operations.find((op) => op.method === 'get' && op.path === '/accounts');
  if (!operation) throw new Error('no GET /accounts');
  return operation;
};

describe('the disk cache of a --spec file', () => {
  it('builds what loadSpec builds on the first start, and writes it down', async () => {
    const fresh = await loadSpec(specFile);
    if (!fresh.ok) throw new Error(fresh.error);
    const first = await load();
    expect(first.operations).toEqual(fresh.value.operations);
    expect(first.schemas).toEqual(fresh.value.schemas);
    expect(first.dereferenced).toEqual(fresh.value.dereferenced);
    const [entry] = await entries();
    expect(existsSync(join(entry as string, 'spec.json'))).toBe(true);
  });

  it('reads the second start from the cache, not from the file', async () => {
    const [entry] = await entries();
    const file = join(entry as string, 'spec.json');
    // Marked in the cache only: a spec that says so was read from there.
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replaceAll('"title":"Togai', '"title":"Cached Togai'),
    );
    expect((await load()).title).toMatch(/^Cached Togai/);
  });

  it("writes an operation's validators on its first use and runs them from the cache after", async () => {
    const operation = listAccounts(await load());
    const compiled = await (await load()).validators?.forOperation(operation);
    const [entry] = await entries();
    const written = await readdir(join(entry as string, 'validators'));
    expect(written).toHaveLength(1);
    const cached = await (await load()).validators?.forOperation(operation);
    for (const value of [10, 0, 101, 'x']) {
      expect(cached?.['query:pageSize']?.(value)).toBe(compiled?.['query:pageSize']?.(value));
      expect(cached?.['query:pageSize']?.errors).toEqual(compiled?.['query:pageSize']?.errors);
    }
    expect(cached?.['query:pageSize']?.('x')).toBe(false);
  });

  it('ignores a corrupt entry and writes it again', async () => {
    const [entry] = await entries();
    await writeFile(join(entry as string, 'spec.json'), '{"table":[');
    const validators = join(entry as string, 'validators');
    for (const file of await readdir(validators))
      await writeFile(join(validators, file), 'throw new Error(1)');
    const spec = await load();
    expect(spec.title).toMatch(/^Togai/);
    const parts = await spec.validators?.forOperation(listAccounts(spec));
    expect(parts?.['query:pageSize']?.('x')).toBe(false);
    expect(JSON.parse(await readFile(join(entry as string, 'spec.json'), 'utf8'))).toHaveProperty('table');
  });

  it('keeps another content, or another build of the package, in another entry', async () => {
    await load({ dir: cache, build: 'another build' });
    await writeFile(specFile, `${await readFile(specFile, 'utf8')}\n# edited\n`);
    await load();
    expect(await entries()).toHaveLength(3);
  });

  it('lives in TOGAI_MOCK_CACHE_DIR, else the user cache folder, and is off with TOGAI_MOCK_CACHE_DIR=off', () => {
    expect(specCacheDir({ TOGAI_MOCK_CACHE_DIR: '/x/y' })).toBe('/x/y');
    expect(specCacheDir({ TOGAI_MOCK_CACHE_DIR: 'off' })).toBeUndefined();
    expect(specCacheDir({ XDG_CACHE_HOME: '/c' })).toBe(join('/c', 'togai-accounts-mock'));
  });

  it('still loads with the cache off', async () => {
    expect((await load({ dir: undefined })).operations.length).toBeGreaterThan(0);
  });
});
