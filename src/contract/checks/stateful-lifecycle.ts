import { isDeepStrictEqual } from 'node:util';
import type { SpecOperation } from '../../spec/types.ts';
import { describeFailure } from '../describe-failure.ts';
import { generateValue } from '../generate-value.ts';
import { findOperation, isCreateOperation, jsonSchemaOf } from '../resources.ts';
import type { ScenarioContext } from '../scenario-context.ts';
import { flattenSchema } from '../schema-shape.ts';
import type { CheckFailure, Exchange } from '../types.ts';
import { READ_ONLY_REASON, type ScenarioCheck } from './check.ts';

type Item = Record<string, unknown>;

/** Server-maintained fields that may change on any write. */
const VOLATILE = /^(updatedAt|modifiedAt|lastModified|version|etag)$/i;

/**
 * A create may answer another shape than a read (Togai's `CreateCustomerResponse` has `account`
 * and no `status`): the fields both answers carry must agree.
 */
export function agreeOnSharedFields(read: unknown, created: unknown): boolean {
  if (!read || !created || typeof read !== 'object' || typeof created !== 'object')
    return isDeepStrictEqual(read, created);
  const a = read as Item;
  const b = created as Item;
  return Object.keys(b).every((key) => !(key in a) || isDeepStrictEqual(a[key], b[key]));
}

/** After a PATCH: sent fields have the sent value, every other field is unchanged. Pure. */
export function judgePatch(before: Item, sent: Item, exchange: Exchange): CheckFailure[] {
  const after = exchange.response.json as Item | undefined;
  if (!after || typeof after !== 'object') return [describeFailure(exchange, 'PATCH answered no item')];
  const failures: CheckFailure[] = [];
  for (const [key, value] of Object.entries(sent)) {
    if (!isDeepStrictEqual(after[key], value)) {
      failures.push(
        describeFailure(
          exchange,
          `PATCH sent ${key}=${JSON.stringify(value)} but the item has ${JSON.stringify(after[key])}`,
        ),
      );
    }
  }
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key in sent || VOLATILE.test(key) || isDeepStrictEqual(before[key], after[key])) continue;
    failures.push(
      describeFailure(
        exchange,
        `PATCH changed "${key}", which was not sent (${JSON.stringify(before[key])} → ${JSON.stringify(after[key])})`,
      ),
    );
  }
  return failures;
}

/** A small update: `name` when the schema has it, plus one more scalar field, both newly generated. */
export function buildPatchBody(op: SpecOperation, ctx: Pick<ScenarioContext, 'rng'>): Item {
  const schema = flattenSchema(jsonSchemaOf(op) ?? {});
  const full = generateValue(schema, { rng: ctx.rng, full: true }) as Item;
  const scalars = Object.keys(full).filter((key) =>
    ['string', 'number', 'boolean'].includes(typeof full[key]),
  );
  const keys = [...scalars.filter((key) => key === 'name'), ...scalars.filter((key) => key !== 'name')].slice(
    0,
    2,
  );
  return Object.fromEntries(
    keys.map((key) => [key, key === 'name' ? `contract renamed ${ctx.rng.int(0, 9999)}` : full[key]]),
  );
}

const itemOp = (ops: readonly SpecOperation[], method: string, collection: string) =>
  ops.find(
    (op) =>
      op.method === method &&
      op.path.startsWith(`${collection}/{`) &&
      !op.path.slice(collection.length + 2).includes('/'),
  );

export const statefulLifecycle: ScenarioCheck = {
  kind: 'scenario',
  id: 'stateful-lifecycle',
  description:
    'With --writes: create an item with a recognisable id, read it back, find it in the list, PATCH it (only sent fields ' +
    'change), delete it, and see later reads answer 404. Everything created is deleted at the end.',
  skipReason(op, ctx) {
    if (!ctx.settings.writes) return READ_ONLY_REASON;
    if (!isCreateOperation(op)) return 'runs from the create operation of its resource';
    if (!itemOp(ctx.spec.operations, 'get', op.path)) return 'no operation reads the created item back';
    return undefined;
  },
  async run(createOp, ctx) {
    const ops = ctx.spec.operations;
    const collection = createOp.path;
    const getOp = itemOp(ops, 'get', collection);
    const patchOp = itemOp(ops, 'patch', collection);
    const deleteOp = itemOp(ops, 'delete', collection);
    const listOp = findOperation(ops, 'get', collection);
    if (!getOp) return;
    const param = /\{([^}]+)\}$/.exec(getOp.path)?.[1] ?? 'id';
    const step = async (
      op: SpecOperation,
      parts: Parameters<ScenarioContext['send']>[1],
      expect: (status: number) => boolean,
      what: string,
    ) => {
      const exchange = await ctx.send(op, parts);
      if (!exchange) return undefined;
      ctx.report(
        op,
        expect(exchange.response.status)
          ? []
          : [describeFailure(exchange, `${what} answered ${exchange.response.status}`)],
      );
      return exchange;
    };
    const ok = (status: number) => status >= 200 && status < 300;
    const body = await ctx.resources.buildCreateBody(ctx, createOp, false);
    const id = String(body.id);
    const created = await step(createOp, { body }, ok, `create ${collection} item ${id}`);
    if (!created || !ok(created.response.status)) return;
    const pathParams = { [param]: id };
    const read = await step(getOp, { pathParams }, (s) => s === 200, `read back of created ${id}`);
    if (read?.response.status === 200 && !agreeOnSharedFields(read.response.json, created.response.json)) {
      ctx.report(getOp, [describeFailure(read, `read back of ${id} differs from what create returned`)]);
    }
    if (listOp?.paginated) await findInList(listOp, ctx, id);
    let current = (read?.response.json ?? created.response.json) as Item;
    if (patchOp) {
      const sent = buildPatchBody(patchOp, ctx);
      const patched = await step(patchOp, { pathParams, body: sent }, (s) => s === 200, `PATCH of ${id}`);
      if (patched?.response.status === 200) {
        ctx.report(patchOp, judgePatch(current, sent, patched));
        current = patched.response.json as Item;
        const reread = await step(getOp, { pathParams }, (s) => s === 200, `read after PATCH of ${id}`);
        if (reread?.response.status === 200 && !isDeepStrictEqual(reread.response.json, current)) {
          ctx.report(getOp, [
            describeFailure(reread, `read after PATCH of ${id} differs from what PATCH returned`),
          ]);
        }
      }
    }
    if (!deleteOp) return;
    const deleted = await step(deleteOp, { pathParams }, ok, `delete of ${id}`);
    if (!deleted || !ok(deleted.response.status)) return;
    ctx.resources.forget(collection, id);
    await step(getOp, { pathParams }, (s) => s === 404, `read of deleted ${id} (expected 404)`);
    await step(deleteOp, { pathParams }, (s) => s === 404, `second delete of ${id} (expected 404)`);
    if (patchOp)
      await step(
        patchOp,
        { pathParams, body: buildPatchBody(patchOp, ctx) },
        (s) => s === 404,
        `PATCH of deleted ${id} (expected 404)`,
      );
  },
};

async function findInList(listOp: SpecOperation, ctx: ScenarioContext, id: string): Promise<void> {
  const max = listOp.parameters.find((p) => p.name === 'pageSize')?.schema.maximum;
  let query: Record<string, string> = typeof max === 'number' ? { pageSize: String(max) } : {};
  let last: Exchange | undefined;
  for (let page = 0; page < ctx.settings.maxPages; page += 1) {
    last = await ctx.send(listOp, { query });
    const json = last?.response.json as { data?: { id?: unknown }[]; nextToken?: unknown } | undefined;
    if (!json || !Array.isArray(json.data)) return;
    if (json.data.some((item) => item?.id === id)) return ctx.report(listOp);
    if (typeof json.nextToken !== 'string') break;
    query = { nextToken: json.nextToken };
  }
  // Not found within --max-pages says nothing about a list longer than that.
  const exhausted = (last?.response.json as { nextToken?: unknown } | undefined)?.nextToken === undefined;
  if (last && exhausted)
    ctx.report(listOp, [describeFailure(last, `created item ${id} is missing from the list walk`)]);
}
