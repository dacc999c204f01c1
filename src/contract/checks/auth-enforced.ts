import type { SecurityScheme } from '../../spec/types.ts';
import { describeFailure } from '../describe-failure.ts';
import type { SendRequest } from '../http-client.ts';
import type { AuthMode, CheckFailure, Exchange } from '../types.ts';
import type { ProbeCheck } from './check.ts';

export interface AuthProbe {
  label: string;
  auth: SendRequest['auth'];
}

/**
 * Missing and malformed credentials: every mode expects 401 for these. A `Basic` header is no
 * malformed credential to an operation that accepts Basic (`schemes`: its security alternatives).
 */
export function buildAuthProbes(
  mode: AuthMode,
  seed: number,
  schemes: readonly SecurityScheme[][] = [],
): AuthProbe[] {
  const acceptsBasic = schemes.some((all) => all.some((s) => s.kind === 'http' && s.scheme === 'basic'));
  const probes: AuthProbe[] = [
    { label: 'no Authorization header', auth: 'none' },
    { label: 'malformed Authorization "Bearer" with no token', auth: { header: 'Bearer' } },
    ...(acceptsBasic
      ? []
      : [
          {
            label: 'malformed Authorization with the Basic scheme',
            auth: { header: 'Basic Y29udHJhY3Q6dGVzdA==' },
          },
        ]),
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

export function judgeAuthResponse(exchange: Exchange, label: string): CheckFailure[] {
  const { status } = exchange.response;
  if (status === 401) return [];
  return [describeFailure(exchange, `auth not enforced: ${label} answered ${status}, expected 401`)];
}

export const authEnforced: ProbeCheck<'auth-enforced'> = {
  kind: 'probe',
  id: 'auth-enforced',
  description:
    'Operations that require the bearer scheme answer 401 with no token and with a malformed Authorization header ' +
    '(and, with --auth-mode strict, with a well-formed wrong token). Operations with a body also get an ' +
    'unauthenticated request whose body is not UTF-8: 401 is still the answer, so the body is not read before ' +
    'auth (sent read-only too: nothing can be applied from such a body).',
  judge: ({ exchange, label }) => judgeAuthResponse(exchange, label),
};
