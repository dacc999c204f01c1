import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../src/store/types.ts';
import { createResponseValidator } from '../helpers/response-validator.ts';
import type { TestMock } from '../helpers/start-mock.ts';
import {
  expectOrderedUnique,
  type ResponseValidator,
  sendRaw,
  walkList,
} from '../hostile/hostile-helpers.ts';
import type { Adapter, CaseSuite } from './adapter.ts';

/** Shared cases (from test/hostile/concurrency.test.ts): run against every adapter by test/adapters/*.test.ts. */
export const concurrencyCases: CaseSuite = {
  name: 'hostile: concurrency',
  define(adapter: Adapter) {
    const UNTOUCHED = 'hostile-concurrency-untouched';
    const CLIENTS = 50;

    let mock: TestMock;
    let validate: ResponseValidator;
    let customerIds: string[];
    let walkAtStart: unknown[];

    beforeAll(async () => {
      mock = await adapter.start({ seed: 23, accounts: 120, customers: 4 });
      validate = await createResponseValidator();
      walkAtStart = await walkList(mock, validate, { token: UNTOUCHED });
      const customers = await walkList(mock, validate, { token: UNTOUCHED, path: '/customers' });
      customerIds = customers.map((c) => (c as { id: string }).id);
    });
    afterAll(() => mock.close());

    /** Real parallel requests: each its own fetch, all in flight at once. */
    const send = (token: string, method: string, path: string, body?: unknown) =>
      sendRaw(mock.url, method, path, {
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });

    describe('many clients at once', () => {
      it('lets exactly one of 50 concurrent creates of one id win (201); the rest get 409 and the winner is stored', async () => {
        const token = 'hostile-same-id';
        const results = await Promise.all(
          Array.from({ length: CLIENTS }, (_, i) =>
            send(token, 'POST', '/accounts', {
              id: 'RACE_1',
              name: `Racer ${i}`,
              customerId: customerIds[i % customerIds.length],
              metadata: { client: String(i) },
            }),
          ),
        );
        const winners = results.filter((r) => r.status === 201);
        const losers = results.filter((r) => r.status !== 201);
        expect(winners).toHaveLength(1);
        expect(losers.map((r) => r.status)).toEqual(Array(CLIENTS - 1).fill(409));
        for (const loser of losers) {
          expect(loser.headers.get('x-error-code')).toBe('DUPLICATE_ID');
          expect((loser.body as { message: string }).message).toMatch(/^id: /);
          expect(validate('createAccount', 409, loser.body)).toEqual([]);
        }
        const read = await mock.call('GET', '/accounts/RACE_1', { token });
        expect(read.body).toEqual(winners[0]?.body);
      });

      it('answers each of 50 concurrent PATCHes with one whole state, and keeps one of them', async () => {
        const token = 'hostile-same-patch';
        const target = (walkAtStart[0] as Account).id;
        const patchOf = (i: number) => ({
          name: `N-${i}`,
          primaryEmail: `${i}@x.com`,
          metadata: { k: String(i) },
          tags: [`t-${i}`],
          netTermDays: i,
        });
        const results = await Promise.all(
          Array.from({ length: CLIENTS }, (_, i) => send(token, 'PATCH', `/accounts/${target}`, patchOf(i))),
        );
        const whole = (account: Account) => {
          const i = account.netTermDays ?? -1;
          return { ...account, ...patchOf(i) };
        };
        results.forEach((res, i) => {
          expect(res.status).toBe(200);
          expect(validate('updateAccount', 200, res.body)).toEqual([]);
          const account = res.body as Account;
          // Each answer is exactly its own request applied: no field from another one.
          expect(account.netTermDays).toBe(i);
          expect(account).toEqual(whole(account));
        });
        const final = (await mock.call('GET', `/accounts/${target}`, { token })).body as Account;
        expect(final).toEqual(whole(final));
        expect(results.map((r) => r.body)).toContainEqual(final);
      });

      it('keeps every concurrent walk ordered, duplicate-free and complete while accounts are deleted', async () => {
        const token = 'hostile-delete-while-listing';
        const before = (walkAtStart as Account[]).map((a) => a.id);
        const doomed = before.filter((_, i) => i % 4 === 1);
        const walk = async (pageSize: number) => {
          const ids: string[] = [];
          let path = `/accounts?pageSize=${pageSize}`;
          for (;;) {
            const res = await send(token, 'GET', path);
            expect(res.status).toBe(200);
            const page = res.body as { data: Account[]; nextToken?: string };
            ids.push(...page.data.map((a) => a.id));
            if (!page.nextToken) return ids;
            path = `/accounts?nextToken=${encodeURIComponent(page.nextToken)}`;
          }
        };
        const deleteAll = async () => {
          for (const id of doomed) expect((await send(token, 'DELETE', `/accounts/${id}`)).status).toBe(200);
        };
        const [walks] = await Promise.all([Promise.all([3, 5, 7, 11, 2, 13].map(walk)), deleteAll()]);
        const kept = before.filter((id) => !doomed.includes(id));
        for (const ids of walks) {
          expectOrderedUnique(ids);
          expect(ids.filter((id) => !before.includes(id))).toEqual([]);
          expect(kept.filter((id) => !ids.includes(id))).toEqual([]);
        }
        // At least one walk should have seen the deletes in progress, or the test proves little.
        expect(walks.some((ids) => ids.length > kept.length && ids.length < before.length)).toBe(true);
        expect((await walkList(mock, validate, { token })).map((a) => (a as Account).id)).toEqual(kept);
      });
    });

    describe('after the concurrent requests', () => {
      it('is still up, and an untouched tenant walks exactly the data it walked at the start', async () => {
        expect(await walkList(mock, validate, { token: UNTOUCHED })).toEqual(walkAtStart);
      });
    });
  },
};
