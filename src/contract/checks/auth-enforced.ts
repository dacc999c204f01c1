import type { SpecOperation } from '../../spec/types.ts';
import { describeFailure } from '../describe-failure.ts';
import { generateValue } from '../generate-value.ts';
import type { SendRequest } from '../http-client.ts';
import { isCreateOperation, jsonSchemaOf } from '../resources.ts';
import type { ScenarioContext } from '../scenario-context.ts';
import type { AuthMode, CheckFailure, Exchange } from '../types.ts';
import { type ScenarioCheck, skipWhenReadOnly } from './check.ts';

export interface AuthProbe {
  label: string;
  auth: SendRequest['auth'];
}

/** Missing and malformed credentials: every mode expects 401 for these. */
export function buildAuthProbes(mode: AuthMode, seed: number): AuthProbe[] {
  const probes: AuthProbe[] = [
    { label: 'no Authorization header', auth: 'none' },
    { label: 'malformed Authorization "Bearer" with no token', auth: { header: 'Bearer' } },
    {
      label: 'malformed Authorization with the Basic scheme',
      auth: { header: 'Basic Y29udHJhY3Q6dGVzdA==' },
    },
    { label: 'malformed Authorization with no scheme', auth: { header: 'contract-token-without-scheme' } },
  ];
  // A well-formed unknown token is a new tenant to a per-token server, so only strict mode expects 401.
  if (mode === 'strict')
    probes.push({
      label: 'a well-formed wrong token',
      auth: { header: `Bearer contract-wrong-token-${seed}` },
    });
  return probes;
}

export function judgeAuthResponse(exchange: Exchange, probe: AuthProbe): CheckFailure[] {
  const { status } = exchange.response;
  if (status === 401) return [];
  return [describeFailure(exchange, `auth not enforced: ${probe.label} answered ${status}, expected 401`)];
}

async function buildRequestBody(op: SpecOperation, ctx: ScenarioContext): Promise<unknown> {
  const schema = jsonSchemaOf(op);
  if (!schema) return undefined;
  if (isCreateOperation(op)) return ctx.resources.buildCreateBody(ctx, op, false);
  return generateValue(schema, { rng: ctx.rng, full: false, makeId: ctx.resources.nextId });
}

export const authEnforced: ScenarioCheck = {
  kind: 'scenario',
  id: 'auth-enforced',
  description:
    'Operations that require the bearer scheme answer 401 with no token and with a malformed Authorization header ' +
    '(and, with --auth-mode strict, with a well-formed wrong token).',
  skipReason(op, ctx) {
    if (!op.requiresAuth) return 'the operation does not require auth';
    return skipWhenReadOnly(op, ctx);
  },
  async run(op, ctx) {
    const pathParams =
      op.method === 'get'
        ? (await ctx.resources.pathParamsForRead(ctx, op)).values
        : await ctx.resources.pathParamsForWrite(ctx, op, op.method === 'delete');
    if (!pathParams) return;
    for (const probe of buildAuthProbes(ctx.settings.authMode, ctx.settings.seed)) {
      if (ctx.aborted()) return;
      const body = await buildRequestBody(op, ctx);
      const exchange = await ctx.send(op, {
        pathParams,
        auth: probe.auth,
        ...(body !== undefined ? { body } : {}),
      });
      if (exchange) ctx.report(op, judgeAuthResponse(exchange, probe));
    }
  },
};
