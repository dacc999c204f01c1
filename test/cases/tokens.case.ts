import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import type { Adapter, CaseSuite } from './adapter.ts';

/** Shared cases (from test/hostile/tokens.test.ts): run against every adapter by test/adapters/*.test.ts. */
export const tokensCases: CaseSuite = {
  name: 'hostile: nextToken keys',
  define(adapter: Adapter) {
    const OPTIONS = { seed: 5, accounts: 40, customers: 2 };

    /** A token signed the way the mock used to: with a key anyone could derive from `GET /`. */
    function forgeWithPublishedFacts(fields: Record<string, unknown>): string {
      const secret = createHash('sha256')
        .update(`togai-mock:${OPTIONS.seed}:${OPTIONS.accounts}`)
        .digest('hex');
      const canonical = JSON.stringify([fields.list, fields.lastItemId, fields.pageSize, 'ASC']);
      const sig = createHmac('sha256', secret).update(canonical).digest('base64url').slice(0, 16);
      return Buffer.from(JSON.stringify({ ...fields, sortOrder: 'asc', sig })).toString('base64');
    }

    const expectInvalidToken = (res: { status: number; body: unknown }, reason: RegExp) => {
      expect(res.status).toBe(400);
      expect(Object.keys(res.body as object)).toEqual(['message']);
      expect((res.body as { message: string }).message).toMatch(/^nextToken: /);
      expect((res.body as { message: string }).message).toMatch(reason);
    };

    describe('nextToken keys', () => {
      it('refuses a token forged from the published seed and account count', async () => {
        const mock = await adapter.start(OPTIONS);
        try {
          const first = await mock.call('GET', '/accounts?pageSize=2');
          const lastItemId = (first.body as { data: { id: string }[] }).data[1]?.id;
          const forged = forgeWithPublishedFacts({ lastItemId, pageSize: 100_000, list: 'accounts' });
          const res = await mock.call('GET', `/accounts?nextToken=${encodeURIComponent(forged)}`);
          expectInvalidToken(res, /epoch|signature/);
        } finally {
          await mock.close();
        }
      });

      it('does not let a token of the previous run continue after a restart', async () => {
        const before = await adapter.start(OPTIONS);
        const token = ((await before.call('GET', '/accounts?pageSize=3')).body as { nextToken: string })
          .nextToken;
        await before.close();
        const after = await adapter.start(OPTIONS);
        try {
          const res = await after.call('GET', `/accounts?nextToken=${encodeURIComponent(token)}`);
          expectInvalidToken(res, /earlier run of the server or for another data set/);
        } finally {
          await after.close();
        }
      });

      it('keeps tokens across a restart of the same data set with --token-secret, not of another one', async () => {
        const before = await adapter.start({ ...OPTIONS, tokenSecret: 'operator-secret' });
        const first = (await before.call('GET', '/accounts?pageSize=3')).body as { nextToken: string };
        const expected = (
          await before.call('GET', `/accounts?nextToken=${encodeURIComponent(first.nextToken)}`)
        ).text;
        await before.close();
        const same = await adapter.start({ ...OPTIONS, tokenSecret: 'operator-secret' });
        const other = await adapter.start({ ...OPTIONS, seed: 6, tokenSecret: 'operator-secret' });
        try {
          const path = `/accounts?nextToken=${encodeURIComponent(first.nextToken)}`;
          expect((await same.call('GET', path)).text).toBe(expected);
          expectInvalidToken(await other.call('GET', path), /another data set/);
        } finally {
          await same.close();
          await other.close();
        }
      });
    });
  },
};
