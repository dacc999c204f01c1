import { isDeepStrictEqual } from 'node:util';
import type { SpecOperation } from '../../spec/types.ts';
import { describeFailure } from '../describe-failure.ts';
import { generateValue } from '../generate-value.ts';
import type { PhaseContext } from '../phases/phase-context.ts';
import { jsonSchemaOf } from '../resource-model.ts';
import { mergeAllOf } from '../schema/merge-all-of.ts';
import type { CheckFailure, Exchange } from '../types.ts';

type Item = Record<string, unknown>;

/** Server-maintained fields that may change on any write. */
const VOLATILE = /^(updatedAt|modifiedAt|lastModified|version|etag)$/i;

/** After a PATCH: sent fields have the sent value, every other field is unchanged (PUT: sent fields only). Pure. */
export function judgePatch(before: Item, sent: Item, exchange: Exchange, replace = false): CheckFailure[] {
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
  if (replace) return failures;
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
export function buildPatchBody(op: SpecOperation, ctx: Pick<PhaseContext, 'rng'>): Item {
  const schema = mergeAllOf(jsonSchemaOf(op) ?? {});
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
