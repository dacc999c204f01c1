import { ok, type Result } from '../../shared/result.ts';
import type { JsonSchema, SpecOperation } from '../../spec/types.ts';
import type { DomainError } from '../../store/errors.ts';
import type { ApiError } from '../errors.ts';
import type { HandlerContext, Reply } from '../handlers.ts';
import { itemAnswer, successOf } from './item-answers.ts';
import type { StoredResource } from './item-plan.ts';

type Judge = (schema: JsonSchema, value: unknown) => boolean;

/** A store result as the operation's answer: its first success status, the item in its shape. */
export const answer =
  (op: SpecOperation, stored: StoredResource, judge: Judge) =>
  (result: Result<unknown, DomainError>): Result<Reply, ApiError> =>
    result.ok
      ? ok({
          status: successOf(op).status,
          body: itemAnswer(op, stored, result.value, judge),
        })
      : result;

/** The request body when it is a JSON object. */
export const bodyOf = (ctx: HandlerContext): Record<string, unknown> | undefined => {
  const body = ctx.request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
};
