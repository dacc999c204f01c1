import type { SpecOperation } from '../../spec/types.ts';
import { type CheckId, findCheck } from '../checks/registry.ts';
import type { CheckFailure, Exchange, Expectation } from '../types.ts';
import type { PhaseContext } from './phase-context.ts';
import type { RequestParts } from './request-parts.ts';

/** One request built with a known expectation, judged by the probe check it names. */
export interface Probe {
  check: CheckId;
  label: string;
  parts: RequestParts;
  expect: Expectation;
}

/** The judge of a probe check, as a pure function of the answer. */
export function judgeProbe(op: SpecOperation, probe: Probe, exchange: Exchange): CheckFailure[] {
  const check = findCheck(probe.check);
  if (check?.kind !== 'probe') throw new Error(`${probe.check} is not a probe check`);
  return check
    .judge({ operation: op, exchange, label: probe.label, expect: probe.expect })
    .map((failure) => ({ ...failure, expect: probe.expect }));
}

/** Sends a probe (when its check is selected) and records the verdict. */
export async function sendProbe(
  ctx: PhaseContext,
  op: SpecOperation,
  probe: Probe,
): Promise<Exchange | undefined> {
  if (!ctx.enabled(probe.check) || ctx.aborted()) return undefined;
  const exchange = await ctx.send(op, probe.parts, probe.check);
  if (exchange) ctx.report(op, probe.check, judgeProbe(op, probe, exchange));
  return exchange;
}

export async function sendProbes(
  ctx: PhaseContext,
  op: SpecOperation,
  probes: readonly Probe[],
): Promise<void> {
  for (const probe of probes) {
    if (ctx.aborted()) return;
    await sendProbe(ctx, op, probe);
  }
}
