import type { SpecOperation } from '../../spec/types.ts';
import { READ_ONLY_REASON } from '../checks/check.ts';
import { isCreateOperation, jsonExampleOf, jsonSchemaOf } from '../resource-model.ts';
import type { PhaseContext } from './phase-context.ts';
import { type Probe, sendProbes } from './probe.ts';
import type { RequestParts } from './request-parts.ts';

const exampleText = (value: unknown): string =>
  typeof value === 'object' ? JSON.stringify(value) : String(value);

/**
 * The spec's own examples, sent as the spec shows them: a server that refuses them breaks the contract it
 * is described by. An example invalid against its own schema is reported as a defect of the description
 * (the server is not asked about it). Ids and references in write bodies come from the run, so an example
 * never creates, changes or deletes anything the run does not own.
 */
export async function runExamples(ctx: PhaseContext, op: SpecOperation): Promise<void> {
  const write = op.method !== 'get';
  if (write && !ctx.settings.writes) return ctx.skip(op, 'examples-accepted', READ_ONLY_REASON);
  const pathParams = write
    ? await ctx.resources.writeParams(op, op.method === 'delete')
    : (await ctx.resources.readParams(op)).values;
  // No item of the run's own to write to (its create failed, charged to setup): nothing to send.
  if (!pathParams) return;
  const base: RequestParts = { pathParams };
  const known = write || (await ctx.resources.readParams(op)).known;
  const probes: Probe[] = [];
  const invalid: string[] = [];
  for (const param of op.parameters) {
    if (param.example === undefined || (write && param.in === 'path')) continue;
    const text = exampleText(param.example);
    const errors = ctx.validators.validateParam(param.schema, text);
    if (errors.length) {
      invalid.push(
        `the example of ${param.in} parameter ${param.name} (${text}) is invalid against its own schema: ${errors[0]?.message}`,
      );
      continue;
    }
    const label = `${param.in} parameter ${param.name}=${text.length > 60 ? `${text.slice(0, 40)}…` : text} from the spec example`;
    const parts: RequestParts =
      param.in === 'path'
        ? { ...base, pathParams: { ...base.pathParams, [param.name]: text } }
        : param.in === 'query'
          ? { ...base, query: { [param.name]: text } }
          : { ...base, headers: { [param.name]: text } };
    probes.push({
      check: 'examples-accepted',
      label,
      parts,
      expect: { kind: 'accept', mayBeMissing: param.in === 'path' || !known },
    });
  }
  const schema = jsonSchemaOf(op);
  const example = jsonExampleOf(op);
  if (write && schema && example !== undefined) {
    const errors = ctx.validators.validateBody(schema, example);
    if (errors.length)
      invalid.push(
        `the request body example is invalid against its own schema: ${errors[0]?.instancePath} ${errors[0]?.message}`,
      );
    else {
      const body = await withRunKeys(ctx, op, example);
      probes.push({
        check: 'examples-accepted',
        label: 'the spec example body',
        parts: { ...base, body },
        expect: { kind: 'accept', mayConflict: isCreateOperation(op) },
      });
    }
  }
  if (invalid.length)
    ctx.report(
      op,
      'examples-accepted',
      invalid.map((message) => ({ message: `spec defect: ${message}` })),
    );
  if (probes.length === 0 && invalid.length === 0)
    return ctx.skip(op, 'examples-accepted', 'the spec gives no examples');
  await sendProbes(ctx, op, probes);
}

/** The example with the run's own key and references, so it never touches someone else's data. */
async function withRunKeys(ctx: PhaseContext, op: SpecOperation, example: unknown): Promise<unknown> {
  if (!isCreateOperation(op) || example === null || typeof example !== 'object' || Array.isArray(example))
    return example;
  const own = await ctx.resources.buildCreateBody(op, false);
  const key = ctx.resources.keyOf(op.path);
  const controlled = Object.fromEntries(
    Object.entries(own).filter(([name]) => name === key || (name.endsWith('Id') && name in example)),
  );
  return { ...example, ...controlled };
}
