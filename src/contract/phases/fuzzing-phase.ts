import fc from 'fast-check';
import type { SpecOperation } from '../../spec/types.ts';
import { READ_ONLY_REASON } from '../checks/check.ts';
import { isCreateOperation, isCursorParam, jsonSchemaOf } from '../resource-model.ts';
import { arbitraryFor, arbitraryForParam } from '../schema/schema-arbitrary.ts';
import type { Expectation } from '../types.ts';
import type { PhaseContext } from './phase-context.ts';
import { judgeProbe, type Probe } from './probe.ts';
import type { RequestParts } from './request-parts.ts';

/** Trials per operation, shrinking included: a server broken everywhere should not cost 10,000 requests. */
const MAX_TRIALS = 150;

type Input = { query: Record<string, string>; body?: unknown };

function buildArbitrary(ctx: PhaseContext, op: SpecOperation): fc.Arbitrary<Input> | undefined {
  if (op.method === 'get') {
    const params = op.parameters.filter((p) => p.in === 'query' && !isCursorParam(p.name));
    if (params.length === 0) return undefined;
    const fields = Object.fromEntries(
      params.map((p) => [
        p.name,
        arbitraryForParam(p.schema)
          // An array goes comma-separated (`form`, not exploded); a JSON text is never a valid one.
          .map((v) =>
            Array.isArray(v) ? v.join(',') : typeof v === 'object' ? JSON.stringify(v) : String(v),
          )
          .filter((text) => text !== '' && ctx.validators.validateParam(p.schema, text).length === 0),
      ]),
    );
    const required = params.filter((p) => p.required).map((p) => p.name);
    return fc
      .record(fields, { requiredKeys: required })
      .map((query) => ({ query: query as Record<string, string> }));
  }
  const schema = jsonSchemaOf(op);
  if (!schema) return undefined;
  return arbitraryFor(schema)
    .filter((body) => ctx.validators.validateBody(schema, body).length === 0)
    .map((body) => ({ query: {}, body }));
}

/**
 * Seeded property-based fuzzing with fast-check: schema-valid inputs must be accepted and every answer must
 * pass the response checks. A failing case is shrunk to a minimal one, reported with the fast-check seed and
 * path; `--seed` reproduces the whole run. Without --max-time it tries `fuzzRuns` cases per operation; with
 * it, fuzzing uses the time left, shared between the operations still to fuzz.
 */
export async function runFuzzing(
  ctx: PhaseContext,
  op: SpecOperation,
  index: number,
  left: number,
): Promise<void> {
  const write = op.method !== 'get';
  if (write && !ctx.settings.writes) return ctx.skip(op, 'valid-input-accepted', READ_ONLY_REASON);
  const arbitrary = buildArbitrary(ctx, op);
  if (!arbitrary || ctx.aborted()) return;
  const create = isCreateOperation(op);
  const pathParams = write
    ? await ctx.resources.writeParams(op, false)
    : (await ctx.resources.readParams(op)).values;
  // No item of the run's own to write to (its create failed, charged to setup): nothing to fuzz.
  if (!pathParams) return;
  const base: RequestParts = { pathParams };
  const known = write || (await ctx.resources.readParams(op)).known;
  const expect: Expectation = { kind: 'accept', mayBeMissing: !known, mayConflict: create };
  let trials = 0;
  // An action on an item (add an alias) changes it: each trial gets a fresh one, so limits never add up.
  const freshEach = write && op.method === 'post' && !create;
  const trial = async (input: Input) => {
    trials += 1;
    const pathParams = freshEach ? await ctx.resources.writeParams(op, true) : base.pathParams;
    if (!pathParams) return { failures: [] };
    let body = input.body;
    // The run's own key and real references over the fuzzed body: the server is asked about the rest.
    if (create && body && typeof body === 'object' && !Array.isArray(body))
      body = { ...body, ...(await ctx.resources.createOverrides(op)) };
    const probe: Probe = {
      check: 'valid-input-accepted',
      label: `fuzzed ${write ? 'body' : 'query'} ${JSON.stringify(write ? body : input.query).slice(0, 200)}`,
      parts: { pathParams, query: input.query, ...(body !== undefined ? { body } : {}) },
      expect,
    };
    const result = await ctx.trial(op, probe.parts);
    if (!result.exchange) return { probe, failures: [] };
    return {
      probe,
      failures: [
        ...result.failures,
        ...judgeProbe(op, probe, result.exchange).map((f) => ({ check: probe.check, failure: f })),
      ],
    };
  };
  const seed = (ctx.settings.seed * 7919 + index) | 0;
  const budget = ctx.remainingMs();
  const timed = Number.isFinite(budget);
  const outcome = await fc.check(
    fc.asyncProperty(
      arbitrary,
      async (input) => trials >= MAX_TRIALS || ctx.aborted() || (await trial(input)).failures.length === 0,
    ),
    {
      seed,
      numRuns: timed ? 100_000 : ctx.settings.fuzzRuns,
      ...(timed ? { interruptAfterTimeLimit: Math.max(1, Math.floor(budget / Math.max(1, left))) } : {}),
      markInterruptAsFailure: false,
    },
  );
  if (!outcome.failed || !outcome.counterexample) return ctx.report(op, 'valid-input-accepted', []);
  const minimal = await trial(outcome.counterexample[0]);
  const note = ` [fuzzing: minimal case after ${outcome.numShrinks} shrinks; fast-check seed ${outcome.seed}, path "${outcome.counterexamplePath ?? ''}"; rerun with --seed ${ctx.settings.seed}]`;
  for (const { check, failure } of minimal.failures)
    ctx.report(op, check, [{ ...failure, message: failure.message + note }]);
}
