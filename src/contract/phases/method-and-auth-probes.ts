import type { HttpMethod, SpecOperation } from '../../spec/types.ts';
import { buildAuthProbes } from '../checks/auth-enforced.ts';
import type { PhaseContext } from './phase-context.ts';
import type { Probe } from './probe.ts';
import type { RequestParts } from './request-parts.ts';

const METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];
// Not UTF-8 and not JSON: a server that reads it before checking auth answers 400 instead of 401.
const NOT_UTF8 = new Uint8Array([0x7b, 0xff, 0xfe, 0x22, 0xc3, 0x28, 0x7d]);

/** The auth probes for an operation; read-only, only the one whose body cannot be applied. */
export function buildAuthProbeList(ctx: PhaseContext, op: SpecOperation, base: RequestParts): Probe[] {
  const probes: Probe[] = [];
  const write = op.method !== 'get';
  if (!write || ctx.settings.writes)
    for (const { label, auth } of buildAuthProbes(ctx.settings.authMode, ctx.settings.seed, op.security))
      probes.push({
        check: 'auth-enforced',
        label,
        parts: { ...base, auth },
        expect: { kind: 'status', statuses: [401], label },
      });
  if (op.requestBody) {
    const label = 'no Authorization header and a body that is not UTF-8';
    probes.push({
      check: 'auth-enforced',
      label,
      parts: {
        pathParams: base.pathParams ?? {},
        auth: 'none',
        rawBody: { contentType: 'application/json', text: '{\\xff\\xfe"\\xc3(}', bytes: NOT_UTF8 },
      },
      expect: { kind: 'status', statuses: [401], label },
    });
  }
  return probes;
}

/** Per path: each method the spec does not document, where sending it is safe. */
export async function buildMethodProbes(ctx: PhaseContext, op: SpecOperation): Promise<Probe[]> {
  const onPath = ctx.spec.operations.filter((o) => o.path === op.path);
  if (onPath[0] !== op) {
    ctx.skip(op, 'method-not-allowed', `probed once per path, as ${onPath[0]?.operationId}`);
    return [];
  }
  const documented = new Set(onPath.map((o) => o.method));
  const itemPath = op.path.includes('{');
  const probes: Probe[] = [];
  for (const method of METHODS) {
    if (documented.has(method)) continue;
    // Collections get only GET: an undocumented DELETE or PUT there could touch data the run does not own.
    if (method !== 'get' && (!ctx.settings.writes || !itemPath)) continue;
    const pathParams =
      method === 'get'
        ? (await ctx.resources.readParams(op)).values
        : await ctx.resources.writeParams(op, false);
    if (!pathParams) continue;
    const label = `${method.toUpperCase()} ${op.path} (not in the spec)`;
    probes.push({
      check: 'method-not-allowed',
      label,
      parts: { method, pathParams, ...(method === 'get' || method === 'delete' ? {} : { body: {} }) },
      expect: { kind: 'status', statuses: [405], label, allow: [...documented].map((m) => m.toUpperCase()) },
    });
  }
  if (probes.length === 0)
    ctx.skip(
      op,
      'method-not-allowed',
      ctx.settings.writes
        ? 'no undocumented method to send safely'
        : 'no undocumented GET: pass --writes for the other methods',
    );
  return probes;
}
