import type { Doc } from './schema-view.ts';

export type FindingKind = 'missing' | 'added' | 'stricter' | 'looser' | 'breaking';
export type Direction = 'request' | 'response';

/** One difference, seen from "ours" (the spec checked) against "theirs" (the reference). */
export interface Finding {
  kind: FindingKind;
  /** `GET /accounts/{}`: method and path template with parameter names dropped. */
  operation: string;
  /** Where in the operation: `request body .account.status`, `parameter query pageSize`, ... */
  where: string;
  message: string;
}

export interface DiffContext {
  ours: Doc;
  theirs: Doc;
  operation: string;
  findings: Finding[];
  /** Named schema pairs already compared in this operation: recursion stops there. */
  seen: Set<string>;
}

export function add(ctx: DiffContext, kind: FindingKind, where: string, message: string): void {
  ctx.findings.push({ kind, operation: ctx.operation, where, message });
}

/**
 * Ours accepting less than theirs breaks a request (a published client's valid call is refused);
 * ours answering less is merely stricter. `wideBreaks`: a wider type or enum in a response breaks
 * a client that cannot represent the value; wider bounds there are only looser.
 */
export function narrowing(
  ctx: DiffContext,
  direction: Direction,
  where: string,
  oursNarrower: boolean,
  what: string,
  wideBreaks: boolean,
): void {
  if (oursNarrower) add(ctx, direction === 'request' ? 'breaking' : 'stricter', where, what);
  else add(ctx, direction === 'response' && wideBreaks ? 'breaking' : 'looser', where, what);
}
