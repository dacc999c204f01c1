import type { SpecOperation } from '../spec/types.ts';
import { judgeAuthResponse } from './checks/auth-enforced.ts';
import type { JudgeInput, Limits } from './checks/check.ts';
import { judgeRejected } from './checks/invalid-input-rejected.ts';
import { CHECKS } from './checks/registry.ts';
import { judgeAccepted } from './checks/valid-input-accepted.ts';
import type { CheckFailure, CheckId, Exchange } from './types.ts';

/**
 * The runner's judges applied to one exchange someone else sent (the proxy's traffic): what the runner
 * knows about a response is asked here, never copied. Every response check of the registry, the probe
 * judges picked by what the request was (valid, invalid, unauthenticated), and the pagination judge over
 * the walks clients make by following `nextToken`.
 */
export interface Verdict {
  check: CheckId;
  failures: CheckFailure[];
}

type RegisteredResponseCheck = Extract<(typeof CHECKS)[number], { kind: 'response' }>;

/** Every response check of the registry: a check added there is applied to proxied traffic too. */
export const RESPONSE_CHECKS: readonly RegisteredResponseCheck[] = CHECKS.filter(
  (check): check is RegisteredResponseCheck => check.kind === 'response',
);

/** The response checks that apply under `limits` (`max-response-time` only with a limit). */
export const responseChecksFor = (limits: Limits): readonly RegisteredResponseCheck[] =>
  RESPONSE_CHECKS.filter((check) => !('skipReason' in check) || check.skipReason?.(limits) === undefined);

export function judgeResponse(input: JudgeInput): Verdict[] {
  return responseChecksFor(input.limits).map((check) => ({ check: check.id, failures: check.judge(input) }));
}

/** What the request was, by the spec: the proxy's own validation of it (the core's validators) decides. */
export type RequestStanding =
  | { kind: 'valid' }
  | { kind: 'invalid'; label: string }
  | { kind: 'unauthenticated'; label: string };

// Statuses that say nothing about whether the input was acceptable: a real token refused, a forbidden
// tenant, a rate limit.
const NOT_ABOUT_INPUT = new Set([401, 403, 429]);

/**
 * The probe judges, applied to a request the client chose: a valid one must not be refused (a documented
 * 404 is excused where the request names an item or a referenced id, 409 on a create), an invalid one must
 * be refused, and one without usable credentials must answer 401.
 */
export function judgeByRequest(op: SpecOperation, exchange: Exchange, standing: RequestStanding): Verdict[] {
  const status = exchange.response.status;
  if (standing.kind === 'unauthenticated') {
    if (!op.requiresAuth) return [];
    return [
      {
        check: 'auth-enforced',
        failures: judgeAuthResponse(exchange, standing.label),
      },
    ];
  }
  if (standing.kind === 'invalid')
    return [{ check: 'invalid-input-rejected', failures: judgeRejected(exchange, standing.label) }];
  if (NOT_ABOUT_INPUT.has(status) || status >= 500) return [];
  // A client may name an id that does not exist (or a customer that does not, in a create): not a refusal.
  const mayBeMissing = op.path.includes('{') || op.method === 'post';
  return [
    {
      check: 'valid-input-accepted',
      failures: judgeAccepted(op, exchange, 'a schema-valid request', {
        kind: 'accept',
        mayBeMissing,
        mayConflict: op.method === 'post',
      }),
    },
  ];
}
