import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponseValidator } from '../helpers/response-validator.ts';
import type { TestMock } from '../helpers/start-mock.ts';
import type { Adapter, CaseSuite } from './adapter.ts';

/** Shared cases (from test/mock/pagination.test.ts): run against every adapter by test/adapters/*.test.ts. */
export const paginationCases: CaseSuite = {
  name: 'pagination',
  define(adapter: Adapter) {
    interface ListBody {
      data: { id: string }[];
      nextToken?: string;
      context?: { pageSize: number; sortOrder: string };
    }

    let mock: TestMock;
    let validate: Awaited<ReturnType<typeof createResponseValidator>>;

    beforeAll(async () => {
      mock = await adapter.start({ seed: 3, accounts: 57, customers: 4 });
      validate = await createResponseValidator();
    });
    afterAll(() => mock.close());

    /** Follows nextToken to the end, sending only the token after the first page. */
    async function walk(first: string, token = 'walker', between?: (page: number) => Promise<void>) {
      const ids: string[] = [];
      let url = first;
      for (let page = 0; page < 1000; page++) {
        const res = await mock.call('GET', url, { token });
        expect(res.status).toBe(200);
        expect(validate('getAccounts', 200, res.body)).toEqual([]);
        const body = res.body as ListBody;
        ids.push(...body.data.map((a) => a.id));
        if (!body.nextToken) return ids;
        await between?.(page);
        url = `/accounts?nextToken=${encodeURIComponent(body.nextToken)}`;
      }
      throw new Error('walk did not end');
    }

    describe('cursor pagination of GET /accounts', () => {
      it.each([1, 2, 7, 10, 50, 56, 57, 100])(
        'returns every account exactly once, in id order, with pageSize %i',
        async (size) => {
          const ids = await walk(`/accounts?pageSize=${size}`);
          expect(ids).toHaveLength(57);
          expect(new Set(ids).size).toBe(57);
          expect(ids).toEqual([...ids].sort());
        },
      );

      it('walks in descending order with sortOrder=DESC and echoes it in context', async () => {
        const first = await mock.call('GET', '/accounts?pageSize=5&sortOrder=DESC');
        expect((first.body as ListBody).context).toEqual({ pageSize: 5, sortOrder: 'DESC' });
        const ids = await walk('/accounts?pageSize=5&sortOrder=DESC');
        expect(ids).toEqual((await walk('/accounts?pageSize=100')).reverse());
      });

      it('uses the spec’s default page size of 50 and omits nextToken on the last page', async () => {
        const first = (await mock.call('GET', '/accounts')).body as ListBody;
        expect(first.data).toHaveLength(50);
        expect(first.context).toEqual({ pageSize: 50, sortOrder: 'ASC' });
        const last = (
          await mock.call('GET', `/accounts?nextToken=${encodeURIComponent(first.nextToken ?? '')}`)
        ).body as ListBody;
        expect(last.data).toHaveLength(7);
        expect(last).not.toHaveProperty('nextToken');
      });

      it('never repeats or skips an account that exists for the whole walk, with creates and deletes between pages', async () => {
        const token = 'churn';
        const before = await walk('/accounts?pageSize=100', token);
        const customer = ((await mock.call('GET', '/customers?pageSize=1', { token })).body as ListBody)
          .data[0]?.id;
        const deleted = new Set<string>();
        let lastSeen = '';
        const ids = await walk('/accounts?pageSize=4', token, async (page) => {
          // Delete the item the token points at, one ahead of it, and create before and after it.
          const pageIds = before.filter((id) => !deleted.has(id));
          lastSeen = pageIds[(page + 1) * 4 - 1] ?? '';
          for (const id of [lastSeen, pageIds[(page + 1) * 4 + 1]]) {
            if (!id) continue;
            deleted.add(id);
            expect((await mock.call('DELETE', `/accounts/${id}`, { token })).status).toBe(200);
          }
          for (const id of [`${lastSeen}0`, `0NEW${page}`]) {
            await mock.call('POST', '/accounts', {
              token,
              body: { id, name: `New ${id}`, customerId: customer },
            });
          }
        });
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toEqual([...ids].sort());
        const survivors = before.filter((id) => !deleted.has(id));
        expect(survivors.filter((id) => !ids.includes(id))).toEqual([]);
      });

      it('rejects a tampered, truncated, foreign or junk nextToken with 400 INVALID_TOKEN', async () => {
        const first = (await mock.call('GET', '/accounts?pageSize=3')).body as ListBody;
        const token = first.nextToken ?? '';
        const decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Record<string, unknown>;
        const tampered = Buffer.from(JSON.stringify({ ...decoded, pageSize: 100 })).toString('base64');
        const customersToken =
          ((await mock.call('GET', '/customers?pageSize=1')).body as ListBody).nextToken ?? '';
        for (const bad of [
          tampered,
          token.slice(0, -6),
          customersToken,
          'not-base64!!',
          'aGVsbG8=',
          'e30=',
        ]) {
          const res = await mock.call('GET', `/accounts?nextToken=${encodeURIComponent(bad)}`);
          expect(res.status, bad).toBe(400);
          expect(res.headers.get('x-error-code')).toBe('INVALID_TOKEN');
          expect((res.body as { message: string }).message).toMatch(/^nextToken: /);
          expect(validate('getAccounts', 400, res.body)).toEqual([]);
        }
      });

      it('applies a pageSize sent beside a token from there on, and refuses a sortOrder that contradicts it', async () => {
        const token = ((await mock.call('GET', '/accounts?pageSize=3')).body as ListBody).nextToken ?? '';
        const resized = await mock.call('GET', `/accounts?nextToken=${encodeURIComponent(token)}&pageSize=4`);
        expect(resized.status).toBe(200);
        expect((resized.body as ListBody).data).toHaveLength(4);
        expect((resized.body as ListBody).context).toEqual({ pageSize: 4, sortOrder: 'ASC' });
        const same = await mock.call('GET', `/accounts?nextToken=${encodeURIComponent(token)}&pageSize=3`);
        expect((same.body as ListBody).data.map((a) => a.id)).toEqual(
          (resized.body as ListBody).data.slice(0, 3).map((a) => a.id),
        );
        const reversed = await mock.call(
          'GET',
          `/accounts?nextToken=${encodeURIComponent(token)}&sortOrder=DESC`,
        );
        expect(reversed.status).toBe(400);
        expect((reversed.body as { message: string }).message).toMatch(/^sortOrder: /);
      });

      // Togai's pageSize is an unbounded `number`; its prose caps lists at 50 (see the spec's decision).
      it.each([
        ['0', 50],
        ['-1', 50],
        ['1.5', 1],
        ['7.9', 7],
        ['51', 50],
        ['101', 50],
      ])(
        'serves pageSize=%s as a page of %i, never refusing a number the published schema allows',
        async (value, size) => {
          const res = await mock.call('GET', `/accounts?pageSize=${value}`);
          expect(res.status).toBe(200);
          expect((res.body as ListBody).data).toHaveLength(size);
          expect((res.body as ListBody).context?.pageSize).toBe(size);
          expect(validate('getAccounts', 200, res.body)).toEqual([]);
        },
      );

      it.each([['abc'], ['1e2'], ['99999999999999999999'], ['']])(
        'answers 400 INVALID_PAGE_SIZE naming pageSize for pageSize=%s, which is not a number',
        async (value) => {
          const res = await mock.call('GET', `/accounts?pageSize=${value}`);
          expect(res.status).toBe(400);
          expect(res.headers.get('x-error-code')).toBe('INVALID_PAGE_SIZE');
          expect((res.body as { message: string }).message).toMatch(/^pageSize: /);
          expect(validate('getAccounts', 400, res.body)).toEqual([]);
        },
      );

      it('answers 400 to a repeated pageSize parameter', async () => {
        const res = await mock.call('GET', '/accounts?pageSize=2&pageSize=3');
        expect(res.status).toBe(400);
        expect((res.body as { message: string }).message).toBe(
          'pageSize: must be given once, as a single value',
        );
      });
    });
  },
};
