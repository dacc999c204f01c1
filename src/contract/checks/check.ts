import type { SpecOperation } from '../../spec/types.ts';
import type { CheckFailure, Exchange, Expectation, PhaseId } from '../types.ts';
import type { Validators } from '../validators.ts';

export interface Limits {
  maxResponseTimeMs?: number;
}

export interface JudgeInput {
  operation: SpecOperation;
  exchange: Exchange;
  validators: Validators;
  limits: Limits;
}

/** Judges every response the run receives, whatever request produced it. Pure. */
export interface ResponseCheck<Id extends string = string> {
  kind: 'response';
  id: Id;
  description: string;
  judge(input: JudgeInput): CheckFailure[];
  /** Why the check cannot run with these limits (e.g. no --max-response-time). */
  skipReason?(limits: Limits): string | undefined;
}

export interface ProbeInput {
  operation: SpecOperation;
  exchange: Exchange;
  /** What was sent and why, in words: the failure message starts with it. */
  label: string;
  expect: Expectation;
}

/** Judges the answer to one request a phase built with a known expectation (accept, reject, 405...). Pure. */
export interface ProbeCheck<Id extends string = string> {
  kind: 'probe';
  id: Id;
  description: string;
  judge(input: ProbeInput): CheckFailure[];
}

/**
 * Judges a sequence of requests (a pagination walk, a create-read-delete lifecycle) with the pure functions
 * exported next to it; the phase named here drives the requests.
 */
export interface SequenceCheck<Id extends string = string> {
  kind: 'sequence';
  id: Id;
  description: string;
  phase: PhaseId;
}

export type Check = ResponseCheck | ProbeCheck | SequenceCheck;

export const READ_ONLY_REASON = 'read-only run: pass --writes';
