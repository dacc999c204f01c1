import type { SpecOperation } from '../../spec/types.ts';
import { describeFailure } from '../describe-failure.ts';
import { generateValue } from '../generate-value.ts';
import { isCreateOperation, jsonExampleOf, jsonSchemaOf } from '../resources.ts';
import type { RequestParts, ScenarioContext } from '../scenario-context.ts';
import type { CheckFailure, Exchange } from '../types.ts';
import { type ScenarioCheck, skipWhenReadOnly } from './check.ts';

/**
 * Valid input may still get a documented 404 when the request names an id the server never listed (a spec
 * example), and a documented 409 from a create; anything else that is not 2xx is a rejection.
 */
export function judgeAccepted(
  op: SpecOperation,
  exchange: Exchange,
  label: string,
  mayBeMissing: boolean,
): CheckFailure[] {
  const { status } = exchange.response;
  if (status >= 200 && status < 300) return [];
  const excused = (status === 404 && mayBeMissing) || (status === 409 && isCreateOperation(op));
  if (excused && op.responses[String(status)]) return [];
  return [describeFailure(exchange, `valid input rejected: ${label} answered ${status}`)];
}

// The pagination token cannot be generated: only a server hands out valid ones (the pagination check uses them).
const generatableQuery = (op: SpecOperation) =>
  op.parameters.filter((p) => p.in === 'query' && p.name !== 'nextToken');

/** Query variants for a read: required only, the spec's examples, each enum value, and generated values. */
export function buildQueryVariants(
  op: SpecOperation,
  ctx: Pick<ScenarioContext, 'rng'>,
): { label: string; query: Record<string, string> }[] {
  const variants = [{ label: 'required parameters only', query: {} as Record<string, string> }];
  for (const param of generatableQuery(op)) {
    if (param.example !== undefined)
      variants.push({
        label: `${param.name} from the spec example`,
        query: { [param.name]: String(param.example) },
      });
    const values = Array.isArray(param.schema.enum)
      ? param.schema.enum
      : [generateValue(param.schema, { rng: ctx.rng, full: true }, param.name)];
    for (const value of values)
      variants.push({ label: `${param.name}=${String(value)}`, query: { [param.name]: String(value) } });
    for (const bound of ['minimum', 'maximum'] as const) {
      const value = param.schema[bound];
      if (typeof value === 'number')
        variants.push({ label: `${param.name} at its ${bound}`, query: { [param.name]: String(value) } });
    }
  }
  return variants;
}

async function buildBodyVariants(
  op: SpecOperation,
  ctx: ScenarioContext,
): Promise<{ label: string; body: unknown }[]> {
  const schema = jsonSchemaOf(op);
  if (!schema) return [{ label: 'no body', body: undefined }];
  const example = jsonExampleOf(op);
  const variants: { label: string; body: unknown }[] = [];
  const make = async (full: boolean): Promise<Record<string, unknown>> =>
    isCreateOperation(op)
      ? ctx.resources.buildCreateBody(ctx, op, full)
      : (generateValue(schema, { rng: ctx.rng, full, makeId: ctx.resources.nextId }) as Record<
          string,
          unknown
        >);
  if (example !== undefined && typeof example === 'object') {
    // Ids and references come from the run, so the example never creates or touches someone else's data.
    const own = isCreateOperation(op) ? await make(false) : {};
    const controlled = Object.fromEntries(
      Object.entries(own).filter(([key]) => key === 'id' || key.endsWith('Id')),
    );
    variants.push({ label: 'the spec example body', body: { ...(example as object), ...controlled } });
  }
  variants.push({ label: 'a generated body with required fields', body: await make(false) });
  variants.push({ label: 'a generated body with every field', body: await make(true) });
  return variants;
}

export const validInputAccepted: ScenarioCheck = {
  kind: 'scenario',
  id: 'valid-input-accepted',
  description:
    'Requests from the spec examples and schema-valid generated data get 2xx (or a documented 404 for an id ' +
    'the server never listed, or 409 from a create).',
  skipReason: skipWhenReadOnly,
  async run(op, ctx) {
    if (op.method === 'get') {
      const { values: pathParams, known } = await ctx.resources.pathParamsForRead(ctx, op);
      const requests: (RequestParts & { label: string; mayBeMissing: boolean })[] = buildQueryVariants(
        op,
        ctx,
      ).map((v) => ({ ...v, pathParams, mayBeMissing: !known }));
      for (const param of op.parameters.filter((p) => p.in === 'path' && p.example !== undefined)) {
        requests.push({
          label: `${param.name} from the spec example`,
          pathParams: { ...pathParams, [param.name]: String(param.example) },
          mayBeMissing: true,
        });
      }
      for (const { label, mayBeMissing, ...parts } of requests) {
        if (ctx.aborted()) return;
        const exchange = await ctx.send(op, parts);
        if (exchange) ctx.report(op, judgeAccepted(op, exchange, label, mayBeMissing));
      }
      return;
    }
    for (const { label, body } of await buildBodyVariants(op, ctx)) {
      if (ctx.aborted()) return;
      const pathParams = await ctx.resources.pathParamsForWrite(ctx, op, op.method === 'delete');
      if (!pathParams) return;
      const exchange = await ctx.send(op, { pathParams, ...(body !== undefined ? { body } : {}) });
      // Every id here is one this run created, so a 404 means the server lost it.
      if (exchange) ctx.report(op, judgeAccepted(op, exchange, label, false));
    }
  },
};
