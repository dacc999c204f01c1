import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_SPEC_PATH } from '../../src/spec/load-spec.ts';
import { startMock } from '../helpers/start-mock.ts';

/** The bundled spec plus one operation the store knows nothing about. */
async function writeSpecWithExtraOperation(): Promise<string> {
  const doc = parse(await readFile(DEFAULT_SPEC_PATH, 'utf8'));
  doc.paths['/accounts/{account_id}/usage_summary'] = {
    parameters: [{ $ref: '#/components/parameters/AccountId' }],
    get: {
      operationId: 'getUsageSummary',
      summary: 'Usage summary of an account',
      responses: {
        '200': {
          description: 'A summary.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['accountId', 'events'],
                properties: { accountId: { type: 'string' }, events: { type: 'integer', minimum: 0 } },
              },
              example: { accountId: 'ACME_ACCOUNT_42', events: 1234 },
            },
          },
        },
        '404': { $ref: '#/components/responses/NotFound' },
      },
    },
  };
  const dir = await mkdtemp(join(tmpdir(), 'togai-spec-'));
  const file = join(dir, 'openapi.yaml');
  await writeFile(file, stringify(doc));
  return file;
}

describe('operations the store does not implement', () => {
  it.each(['spec', 'prism'] as const)(
    'are served by the %s fallback for an account that exists (404 otherwise), with no new server code, still behind auth and validation',
    async (fallback) => {
      const mock = await startMock({
        specPath: await writeSpecWithExtraOperation(),
        accounts: 5,
        customers: 1,
        fallback,
      });
      try {
        const listed = await mock.call('GET', '/accounts?pageSize=1');
        const id = (listed.body as { data: { id: string }[] }).data[0]?.id as string;
        const res = await mock.call('GET', `/accounts/${id}/usage_summary`);
        expect(res.status).toBe(200);
        // The example's, with the path's account in it.
        expect(res.body).toEqual({ accountId: id, events: 1234 });
        const unknown = await mock.call('GET', '/accounts/ANY/usage_summary');
        expect(unknown.status).toBe(404);
        expect(unknown.body).toEqual({ message: 'account_id: no account with id ANY' });
        expect((await mock.call('GET', '/accounts/ANY/usage_summary', { token: null })).status).toBe(401);
        expect((await mock.call('GET', `/accounts/${'x'.repeat(51)}/usage_summary`)).status).toBe(400);
        const forced = await mock.call('GET', `/accounts/${id}/usage_summary`, {
          headers: { prefer: 'code=404' },
        });
        expect(forced.status).toBe(404);
        expect(Object.keys(forced.body as object)).toEqual(['message']);
      } finally {
        await mock.close();
      }
    },
  );
});
