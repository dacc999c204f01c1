import type { SpecOperation } from '../../spec/types.ts';
import { READ_ONLY_REASON } from '../checks/check.ts';
import { generateValue } from '../generate-value.ts';
import { isCreateOperation, isCursorParam, jsonSchemaOf } from '../resource-model.ts';
import { buildBodyMutations } from './body-mutations.ts';
import { asParamText, boundaryCandidates } from './boundary-values.ts';
import { buildAuthProbeList, buildMethodProbes } from './method-and-auth-probes.ts';
import type { PhaseContext } from './phase-context.ts';
import { type Probe, sendProbes } from './probe.ts';
import type { RequestParts } from './request-parts.ts';

/** Boundary, enum and type probes for every query, path and header parameter, classified by ajv. */
export function buildParamProbes(
  ctx: PhaseContext,
  op: SpecOperation,
  base: RequestParts,
  known: boolean,
): Probe[] {
  const probes: Probe[] = [];
  for (const param of op.parameters) {
    for (const candidate of boundaryCandidates(param.schema)) {
      const text = asParamText(candidate.value);
      if (text === undefined) continue;
      const errors = ctx.validators.validateParam(param.schema, text);
      const valid = errors.length === 0;
      // A cursor is valid only when a server issued it; a write touches only ids the run created.
      if (valid && (isCursorParam(param.name) || op.method !== 'get')) continue;
      const points = [...text];
      const shown =
        points.length > 24 ? `${points.slice(0, 8).join('')}… (${points.length} code points)` : text;
      const label = `${param.in} parameter ${param.name}=${shown} (${candidate.label}${valid ? '' : `: ${errors[0]?.message}`})`;
      const parts: RequestParts =
        param.in === 'path'
          ? { ...base, pathParams: { ...base.pathParams, [param.name]: text } }
          : param.in === 'query'
            ? { ...base, query: { ...base.query, [param.name]: text } }
            : { ...base, headers: { ...base.headers, [param.name]: text } };
      probes.push(
        valid
          ? {
              check: 'valid-input-accepted',
              label,
              parts,
              expect: { kind: 'accept', mayBeMissing: param.in === 'path' || !known },
            }
          : { check: 'invalid-input-rejected', label, parts, expect: { kind: 'reject' } },
      );
    }
    if (param.required && param.in !== 'path')
      probes.push({
        check: 'missing-required-rejected',
        label: `required ${param.in} parameter ${param.name} missing`,
        parts: { ...base, omit: [param.name] },
        expect: { kind: 'reject' },
      });
  }
  return probes;
}

/** Body probes for a write: every mutation of a full valid body, sent as valid or invalid as ajv says. */
async function buildBodyProbes(ctx: PhaseContext, op: SpecOperation, pathParams: Record<string, string>) {
  const schema = jsonSchemaOf(op);
  if (!schema) return [];
  const create = isCreateOperation(op);
  const key = create ? ctx.resources.keyOf(op.path) : undefined;
  const makeValid = async (): Promise<unknown> =>
    create
      ? ctx.resources.buildCreateBody(op, true)
      : generateValue(schema, { rng: ctx.rng, full: true, makeId: ctx.resources.nextId });
  const base = await makeValid();
  const makeItem = (items: typeof schema) =>
    generateValue(items, { rng: ctx.rng, full: false, makeId: ctx.resources.nextId });
  const probes: Probe[] = [];
  const seen = new Set<string>();
  for (const mutation of buildBodyMutations(schema, base, makeItem)) {
    const body = mutation.apply(structuredClone(base));
    // Each create gets its own key, so an accepted one never hides the next behind a 409.
    if (
      create &&
      key &&
      body &&
      typeof body === 'object' &&
      !Array.isArray(body) &&
      mutation.top !== key &&
      key in body
    )
      (body as Record<string, unknown>)[key] = ctx.resources.nextId();
    const text = JSON.stringify(body);
    if (seen.has(text)) continue;
    seen.add(text);
    const errors = ctx.validators.validateBody(schema, body);
    const label = `body ${mutation.label}`;
    const reference = mutation.top !== undefined && mutation.top !== key && /Id$/.test(mutation.top);
    probes.push(
      errors.length === 0
        ? {
            check: 'valid-input-accepted',
            label,
            parts: { pathParams, body },
            expect: { kind: 'accept', mayBeMissing: reference, mayConflict: create },
          }
        : {
            check: 'invalid-input-rejected',
            label: `${label}: ${errors[0]?.instancePath} ${errors[0]?.message}`,
            parts: { pathParams, body },
            expect: { kind: 'reject' },
          },
    );
  }
  probes.push({
    check: 'invalid-input-rejected',
    label: 'body sent as text/plain',
    parts: { pathParams, rawBody: { contentType: 'text/plain', text: JSON.stringify(await makeValid()) } },
    expect: { kind: 'reject' },
  });
  if (op.requestBody?.required)
    probes.push({
      check: 'invalid-input-rejected',
      label: 'required body missing',
      parts: { pathParams },
      expect: { kind: 'reject' },
    });
  return probes;
}

export async function runCoverage(ctx: PhaseContext, op: SpecOperation): Promise<void> {
  const write = op.method !== 'get';
  await sendProbes(ctx, op, await buildMethodProbes(ctx, op));
  if (op.requiresAuth) {
    // Read-only, a write's auth probes name an id nobody has, so even a server that ignores auth changes nothing.
    const pathParams = write
      ? ctx.settings.writes
        ? await ctx.resources.writeParams(op, op.method === 'delete')
        : Object.fromEntries(
            op.parameters
              .filter((p) => p.in === 'path')
              .map((p) => [p.name, `contract-${ctx.settings.seed}-nobody`]),
          )
      : (await ctx.resources.readParams(op)).values;
    if (pathParams) await sendProbes(ctx, op, buildAuthProbeList(ctx, op, { pathParams }));
  } else ctx.skip(op, 'auth-enforced', 'the operation does not require auth');
  if (write && !ctx.settings.writes) {
    for (const check of [
      'valid-input-accepted',
      'invalid-input-rejected',
      'missing-required-rejected',
    ] as const)
      ctx.skip(op, check, READ_ONLY_REASON);
    return;
  }
  if (!op.parameters.some((p) => p.required && p.in !== 'path'))
    ctx.skip(op, 'missing-required-rejected', 'no required query parameter or header');
  if (!write) {
    const { values, known } = await ctx.resources.readParams(op);
    const baseline: Probe = {
      check: 'valid-input-accepted',
      label: 'required parameters only',
      parts: { pathParams: values },
      expect: { kind: 'accept', mayBeMissing: !known },
    };
    await sendProbes(ctx, op, [baseline, ...buildParamProbes(ctx, op, { pathParams: values }, known)]);
    return;
  }
  const pathParams = await ctx.resources.writeParams(op, false);
  if (!pathParams) return;
  await sendProbes(ctx, op, buildParamProbes(ctx, op, { pathParams }, true));
  for (const probe of await buildBodyProbes(ctx, op, pathParams)) {
    if (ctx.aborted()) return;
    // An accepted action (add an alias) changes the item: each gets a fresh one, so limits never add up.
    if (probe.expect.kind === 'accept' && !isCreateOperation(op) && op.method === 'post') {
      const fresh = await ctx.resources.writeParams(op, true);
      if (!fresh) continue;
      probe.parts.pathParams = fresh;
    }
    await sendProbes(ctx, op, [probe]);
  }
}
