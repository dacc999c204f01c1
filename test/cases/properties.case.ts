import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { JsonSchema, SpecOperation } from '../../src/spec/types.ts';
import type { Account } from '../../src/store/types.ts';
import { createResponseValidator } from '../helpers/response-validator.ts';
import type { TestMock } from '../helpers/start-mock.ts';
import {
  compareIds,
  REQUEST_TIMEOUT_MS,
  type ResponseValidator,
  sendRaw,
  walkList,
} from '../hostile/hostile-helpers.ts';
import { arbitraryFor, type BodyMutation, bodyMutation, mutateBody } from '../hostile/schema-arbitrary.ts';
import type { Adapter, CaseSuite } from './adapter.ts';

/** Shared cases (from test/hostile/properties.test.ts): run against every adapter by test/adapters/*.test.ts. */
export const propertiesCases: CaseSuite = {
  name: 'hostile: property-based sequences',
  define(adapter: Adapter) {
    const SEED = Number(process.env.FC_SEED ?? 4_242);
    /** numRuns × up to MAX_STEPS requests: a few thousand in all, well under a minute on two cores. */
    const NUM_RUNS = Number(process.env.FC_RUNS ?? 100);
    const MAX_STEPS = 40;
    const TOKEN = 'hostile-properties';
    const UNTOUCHED = 'hostile-properties-untouched';
    /** Ids no seeded account has, so creates succeed and later requests find them (or collide). */
    const NEW_IDS = Array.from({ length: 12 }, (_, i) => `PB_${i}`);

    let mock: TestMock;
    let validate: ResponseValidator;
    let operations: SpecOperation[];
    let walkAtStart: unknown[];
    /** What the store must hold for TOKEN, kept from successful responses only. */
    const model = new Map<string, Account>();
    const customers = new Set<string>();
    let requestCount = 0;
    /** Statuses seen, printed so that a generator that only ever produces 400s is noticed. */
    const statuses = new Map<number, number>();

    beforeAll(async () => {
      console.log(`properties: fast-check seed ${SEED} (reproduce with FC_SEED=${SEED})`);
      mock = await adapter.start({ seed: 5, accounts: 60, customers: 4 });
      validate = await createResponseValidator();
      const spec = await loadSpec();
      if (!spec.ok) throw new Error(spec.error);
      operations = spec.value.operations;
      for (const account of (await walkList(mock, validate, { token: TOKEN })) as Account[]) {
        model.set(account.id, account);
      }
      for (const customer of await walkList(mock, validate, { token: TOKEN, path: '/customers' })) {
        customers.add((customer as { id: string }).id);
      }
      walkAtStart = await walkList(mock, validate, { token: UNTOUCHED });
    });
    afterAll(() => mock.close());

    /** A request before ids are chosen: picks are resolved against the model when it runs. */
    interface Plan {
      operationId: string;
      idPick: number;
      bodyIdPick: number;
      customerPick: number;
      body: unknown;
      query: Record<string, string>;
      mutation?: BodyMutation;
      junkQuery?: [string, string];
    }

    // Only values no schema allows: pageSize is an unbounded number, so 0, 101 or 1.5 are valid.
    const JUNK_QUERY: [string, string][] = [
      ['pageSize', '1e2'],
      ['pageSize', 'abc'],
      ['pageSize', '-'],
      ['pageSize', ''],
      ['sortOrder', 'sideways'],
      ['nextToken', 'bm90IGEgdG9rZW4='],
      ['nextToken', '%%%'],
      ['nextToken', 'A'.repeat(1500)],
    ];

    function planFor(operation: SpecOperation): fc.Arbitrary<Plan> {
      const bodySchema = operation.requestBody?.content['application/json']?.schema as JsonSchema | undefined;
      const paged = operation.parameters.some((p) => p.name === 'pageSize');
      const query = paged
        ? fc.record(
            {
              pageSize: fc.integer({ min: 1, max: 100 }).map(String),
              sortOrder: fc.constantFrom('ASC', 'DESC'),
            },
            { requiredKeys: [] },
          )
        : fc.constant({});
      return fc.record({
        operationId: fc.constant(operation.operationId),
        idPick: fc.nat(),
        bodyIdPick: fc.nat(),
        customerPick: fc.nat(),
        body: bodySchema ? arbitraryFor(bodySchema) : fc.constant(undefined),
        query,
        // About one request in four is made invalid.
        mutation: bodySchema ? fc.option(bodyMutation, { freq: 3, nil: undefined }) : fc.constant(undefined),
        junkQuery: paged
          ? fc.option(fc.constantFrom(...JUNK_QUERY), { freq: 4, nil: undefined })
          : fc.constant(undefined),
      }) as fc.Arbitrary<Plan>;
    }

    /** Reads outnumber writes, and deleting a customer (which deletes its accounts) is rare. */
    const WEIGHTS: Record<string, number> = {
      deleteCustomer: 1,
      deleteAccount: 3,
      getAccounts: 4,
      getAccount: 4,
    };

    const pick = <T>(list: readonly T[], n: number): T | undefined => list[n % Math.max(list.length, 1)];

    interface Sent {
      plan: Plan;
      method: string;
      path: string;
      id?: string;
      body?: unknown;
      invalid: boolean;
    }

    /** Turns a plan into a concrete request: ids from the model (existing) or NEW_IDS (new). */
    function resolve(plan: Plan): Sent {
      const operation = operations.find((o) => o.operationId === plan.operationId) as SpecOperation;
      const accountIds = [...model.keys(), ...NEW_IDS];
      const customerIds = [...customers, 'PB_CUSTOMER'];
      // An empty id is a valid create (the published schemas have no minLength) but no path can name it.
      const addressable = accountIds.filter((id) => id !== '');
      const id = operation.path.includes('{customer_id}')
        ? pick(customerIds, plan.idPick)
        : operation.path.includes('{account_id}')
          ? pick(addressable, plan.idPick)
          : undefined;
      const path = operation.path.replace(/\{[^}]+\}/, encodeURIComponent(id ?? ''));
      let body = plan.body;
      if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
        const fields = { ...(body as Record<string, unknown>) };
        if (plan.operationId === 'createAccount') {
          fields.id = pick(accountIds, plan.bodyIdPick);
          fields.customerId = pick(customerIds, plan.customerPick);
        }
        if (plan.operationId === 'createCustomer') fields.id = `PB_C${plan.bodyIdPick % 6}`;
        body = fields;
      }
      let invalid = false;
      const schema = operation.requestBody?.content['application/json']?.schema as JsonSchema | undefined;
      if (plan.mutation && schema && body !== undefined) {
        const mutated = mutateBody(body as Record<string, unknown>, schema, plan.mutation);
        if (mutated !== undefined) {
          body = mutated;
          invalid = true;
        }
      }
      const query = new URLSearchParams(plan.query);
      if (plan.junkQuery) {
        query.set(plan.junkQuery[0], plan.junkQuery[1]);
        invalid = true;
      }
      const search = query.toString().replace('%25%25%25', '%%%');
      return {
        plan,
        method: operation.method.toUpperCase(),
        path: search ? `${path}?${search}` : path,
        ...(id !== undefined ? { id } : {}),
        ...(body !== undefined ? { body } : {}),
        invalid,
      };
    }

    /** Checks one response and folds a successful write into the model. */
    async function check(sent: Sent, status: number, body: unknown): Promise<void> {
      const { operationId } = sent.plan;
      const where = `${sent.method} ${sent.path} ${JSON.stringify(sent.body)?.slice(0, 300)} → ${status}`;
      expect(status, where).toBeLessThan(500);
      expect(validate(operationId, status, body), where).toEqual([]);
      if (sent.invalid) {
        expect(status, where).toBeGreaterThanOrEqual(400);
        return;
      }
      const id = sent.id ?? '';
      const ok = status >= 200 && status < 300;
      switch (operationId) {
        case 'getAccount':
          if (ok) expect(body, where).toEqual(model.get(id));
          else if (status === 404) expect(model.has(id), where).toBe(false);
          return;
        case 'getAccounts':
          if (ok)
            for (const account of (body as { data: Account[] }).data)
              expect(account).toEqual(model.get(account.id));
          return;
        case 'createAccount':
          if (ok) {
            const account = body as Account;
            expect(model.has(account.id), where).toBe(false);
            model.set(account.id, account);
          } else if (status === 409) {
            expect(model.has((sent.body as { id: string }).id), where).toBe(true);
          }
          return;
        case 'updateAccount':
        case 'addAliases':
        case 'removeAliases':
          if (ok) model.set(id, body as Account);
          else if (status === 404) expect(model.has(id), where).toBe(false);
          return;
        case 'deleteAccount':
          if (ok) model.delete(id);
          else expect(model.has(id), where).toBe(false);
          return;
        case 'createCustomer': {
          if (!ok) return;
          customers.add((body as { id: string }).id);
          const accountId = (sent.body as { account?: { id: string } }).account?.id;
          if (accountId !== undefined) {
            expect((body as { account?: Account }).account?.id, where).toBe(accountId);
            model.set(accountId, (body as { account: Account }).account);
          }
          return;
        }
        case 'deleteCustomer':
          if (!ok) return;
          customers.delete(id);
          for (const [accountId, account] of model) if (account.customerId === id) model.delete(accountId);
          return;
      }
    }

    async function run(sent: Sent): Promise<void> {
      requestCount++;
      const res = await sendRaw(mock.url, sent.method, sent.path, {
        headers: {
          authorization: `Bearer ${TOKEN}`,
          ...(sent.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(sent.body !== undefined ? { body: JSON.stringify(sent.body) } : {}),
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      await check(sent, res.status, res.body);
    }

    /** The store against the model: every account present and unchanged, the walk complete and ordered. */
    async function expectStoreMatchesModel(): Promise<void> {
      const walked = (await walkList(mock, validate, { token: TOKEN, pageSize: 37 })) as Account[];
      expect(walked.map((a) => a.id)).toEqual([...model.keys()].sort(compareIds));
      for (const account of walked) expect(account).toEqual(model.get(account.id));
    }

    describe('requests generated from the spec', () => {
      it(
        'never answer 5xx or hang, always match the spec, and leave the store equal to the model',
        async () => {
          const started = performance.now();
          const plan = fc.oneof(
            ...operations.map((operation) => ({
              weight: WEIGHTS[operation.operationId] ?? 2,
              arbitrary: planFor(operation),
            })),
          );
          await fc.assert(
            fc.asyncProperty(
              fc.array(plan, { minLength: 10, maxLength: MAX_STEPS, size: 'max' }),
              async (plans) => {
                for (const p of plans) await run(resolve(p));
                await expectStoreMatchesModel();
              },
            ),
            { seed: SEED, numRuns: NUM_RUNS, interruptAfterTimeLimit: 50_000 },
          );
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          const tally = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
          console.log(
            `properties: ${requestCount} requests in ${seconds} s (seed ${SEED}): ${tally.join(' ')}`,
          );
          expect(requestCount).toBeGreaterThan(1_000);
          expect(statuses.get(200)).toBeGreaterThan(100);
          expect(statuses.get(201)).toBeGreaterThan(10);
        },
        REQUEST_TIMEOUT_MS * 20,
      );
    });

    describe('after the generated requests', () => {
      it('is still up, and an untouched tenant walks exactly the data it walked at the start', async () => {
        expect(await walkList(mock, validate, { token: UNTOUCHED })).toEqual(walkAtStart);
      });
    });
  },
};
