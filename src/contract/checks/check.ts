import type { SpecOperation } from '../../spec/types.ts';
import type { ScenarioContext } from '../scenario-context.ts';
import type { CheckFailure, CheckId, Exchange } from '../types.ts';
import type { Validators } from '../validators.ts';

export interface JudgeInput {
  operation: SpecOperation;
  exchange: Exchange;
  validators: Validators;
}

/** Judges every response the run receives, whatever request produced it. Pure. */
export interface ResponseCheck {
  kind: 'response';
  id: CheckId;
  description: string;
  judge(input: JudgeInput): CheckFailure[];
}

/**
 * Builds its own requests for one operation and records failures through the context; the judging parts
 * are pure functions exported next to it. Returns a reason when it does not apply to the operation.
 */
export interface ScenarioCheck {
  kind: 'scenario';
  id: CheckId;
  description: string;
  skipReason(operation: SpecOperation, context: ScenarioContext): string | undefined;
  run(operation: SpecOperation, context: ScenarioContext): Promise<void>;
}

export type Check = ResponseCheck | ScenarioCheck;

export const READ_ONLY_REASON = 'read-only run: pass --writes';

/** A read-only run sends nothing but GETs: the one rule every check that writes shares. */
export const skipWhenReadOnly = (op: SpecOperation, context: ScenarioContext): string | undefined =>
  op.method !== 'get' && !context.settings.writes ? READ_ONLY_REASON : undefined;
