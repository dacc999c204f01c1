import type { SpecOperation } from '../../spec/types.ts';
import { describeFailure } from '../describe-failure.ts';
import { generateValue } from '../generate-value.ts';
import { buildInvalidBodies, buildInvalidParamValues } from '../invalid-values.ts';
import { isCreateOperation, jsonSchemaOf } from '../resources.ts';
import type { RequestParts, ScenarioContext } from '../scenario-context.ts';
import type { CheckFailure, Exchange } from '../types.ts';
import { type ScenarioCheck, skipWhenReadOnly } from './check.ts';

export function judgeRejected(exchange: Exchange, label: string): CheckFailure[] {
  const { status } = exchange.response;
  if (status >= 400 && status < 500) return [];
  const verdict = status >= 500 ? 'server error on invalid input' : 'invalid input accepted';
  return [describeFailure(exchange, `${verdict}: ${label} answered ${status}, expected 4xx`)];
}

type Probe = RequestParts & { label: string };

function buildParamProbes(op: SpecOperation, pathParams: Record<string, string>): Probe[] {
  const probes: Probe[] = [];
  for (const param of op.parameters) {
    for (const { label, value } of buildInvalidParamValues(param.schema)) {
      const description = `${param.in} parameter ${param.name}=${value.length > 40 ? `${value.slice(0, 12)}… (${value.length} chars)` : value} (${label})`;
      if (param.in === 'path')
        probes.push({ label: description, pathParams: { ...pathParams, [param.name]: value } });
      else if (param.in === 'query')
        probes.push({ label: description, pathParams, query: { [param.name]: value } });
    }
  }
  return probes;
}

async function buildBodyProbes(
  op: SpecOperation,
  ctx: ScenarioContext,
  pathParams: Record<string, string>,
): Promise<Probe[]> {
  const schema = jsonSchemaOf(op);
  if (!schema) return [];
  const base = isCreateOperation(op)
    ? await ctx.resources.buildCreateBody(ctx, op, true)
    : (generateValue(schema, { rng: ctx.rng, full: true, makeId: ctx.resources.nextId }) as Record<
        string,
        unknown
      >);
  // A fresh id per variant: if the server wrongly accepts one, the next must not be masked by a 409.
  const makeValid = () => ({
    ...structuredClone(base),
    ...(isCreateOperation(op) ? { id: ctx.resources.nextId() } : {}),
  });
  const probes: Probe[] = buildInvalidBodies(schema, makeValid).map(({ label, body }) => ({
    label: `body: ${label}`,
    pathParams,
    body,
  }));
  probes.push({
    label: 'body sent as text/plain',
    pathParams,
    rawBody: { contentType: 'text/plain', text: JSON.stringify(makeValid()) },
  });
  if (op.requestBody?.required) probes.push({ label: 'required body missing', pathParams });
  return probes;
}

export const invalidInputRejected: ScenarioCheck = {
  kind: 'scenario',
  id: 'invalid-input-rejected',
  description:
    'Requests built from the spec to violate it (bad path/query parameters; with --writes, bodies with wrong types, ' +
    'missing required fields, too-long strings, unknown enum values, unknown properties) get a 4xx, never 2xx or 5xx.',
  skipReason: skipWhenReadOnly,
  async run(op, ctx) {
    const pathParams =
      op.method === 'get'
        ? (await ctx.resources.pathParamsForRead(ctx, op)).values
        : await ctx.resources.pathParamsForWrite(ctx, op, false);
    if (!pathParams) return;
    const probes = buildParamProbes(op, pathParams);
    if (op.method !== 'get') probes.push(...(await buildBodyProbes(op, ctx, pathParams)));
    for (const { label, ...parts } of probes) {
      if (ctx.aborted()) return;
      const exchange = await ctx.send(op, parts);
      if (exchange) ctx.report(op, judgeRejected(exchange, label));
    }
  },
};
