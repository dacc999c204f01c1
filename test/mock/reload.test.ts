import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createMockServer } from '../../src/adapters/node/create-mock-server.ts';
import { DEFAULT_SPEC_PATH } from '../../src/spec/load-spec.ts';

const auth = { authorization: 'Bearer keeper', 'content-type': 'application/json' };

describe('reloading the spec (what --watch does on a change)', () => {
  it('serves the new spec, keeps tenants’ data, and keeps the old app when the new file is broken', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'togai-reload-'));
    const specPath = join(dir, 'openapi.yaml');
    const original = await readFile(DEFAULT_SPEC_PATH, 'utf8');
    await writeFile(specPath, original);
    const server = await createMockServer({ specPath, accounts: 5, customers: 1 });
    const { url, close } = await server.listen(0, '127.0.0.1');
    try {
      const customer = (
        (await (await fetch(`${url}/customers`, { headers: auth })).json()) as { data: { id: string }[] }
      ).data[0]?.id;
      const created = await fetch(`${url}/accounts`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ id: 'KEEP_ME', name: 'Kept across reloads', customerId: customer }),
      });
      expect(created.status).toBe(201);

      const doc = parse(original);
      doc.components.parameters.PageSize.schema.maximum = 20;
      await writeFile(specPath, stringify(doc));
      expect(await server.reload()).toEqual({ ok: true });
      expect((await fetch(`${url}/accounts?pageSize=21`, { headers: auth })).status).toBe(400);
      expect((await fetch(`${url}/accounts/KEEP_ME`, { headers: auth })).status).toBe(200);

      await writeFile(specPath, 'openapi: 3.0.3\npaths: [not, a, map');
      const broken = await server.reload();
      expect(broken).toMatchObject({ ok: false, error: expect.stringMatching(/^spec: /) });
      expect((await fetch(`${url}/accounts?pageSize=20`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${url}/accounts/KEEP_ME`, { headers: auth })).status).toBe(200);
    } finally {
      await close();
    }
  });
});
