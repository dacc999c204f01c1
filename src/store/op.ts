import type { Result } from '../shared/result.ts';
import type { DomainError } from './errors.ts';
import type { RecordMap, Ref, StoreTx } from './port.ts';

/**
 * A store operation, written once against the port and run by every store: in memory
 * (synchronously, straight on the tenant's indexes) and on Redis (on a snapshot, committed under
 * guards). `run` is a pure function of its arguments and of what it reads through the port.
 */
export interface ReadOp<A extends unknown[], O, R extends RecordMap = RecordMap> {
  readonly kind: 'read';
  /** What it reads, known from its arguments alone: the Redis store loads it in one round trip. */
  reads?(...args: A): readonly Ref[];
  readonly run: (tx: StoreTx<R>, ...args: A) => O;
}

export interface WriteOp<A extends unknown[], T, R extends RecordMap = RecordMap> {
  readonly kind: 'write';
  reads?(...args: A): readonly Ref[];
  /**
   * The field a STORE_FULL answer names when the op's writes grow the tenant past its budget;
   * null for an op that frees more than it writes (a delete that takes what the item owns).
   */
  readonly budgetField: string | null;
  /**
   * Writes with the same key run one at a time per process (on Redis, concurrent writes to one
   * record would otherwise all read one snapshot and all but one retry, round after round).
   */
  lockKey(...args: A): string;
  readonly run: (tx: StoreTx<R>, ...args: A) => Result<T, DomainError>;
}

// biome-ignore lint/suspicious/noExplicitAny: a table holds ops of every argument list.
export type AnyOp = ReadOp<any[], unknown, any> | WriteOp<any[], unknown, any>;
export type OpTable = Readonly<Record<string, AnyOp>>;

type ArgsOf<O> = O extends ReadOp<infer A, unknown, never> | WriteOp<infer A, unknown, never> ? A : never;
type OutOf<O> =
  O extends ReadOp<never, infer T, never>
    ? T
    : O extends WriteOp<never, infer T, never>
      ? Result<T, DomainError>
      : never;

/** A table's ops as methods answering at once (the in-memory store). */
export type SyncApi<T extends OpTable> = { readonly [K in keyof T]: (...args: ArgsOf<T[K]>) => OutOf<T[K]> };
/** A table's ops as methods answering with Promises (the Redis store). */
export type AsyncApi<T extends OpTable> = {
  readonly [K in keyof T]: (...args: ArgsOf<T[K]>) => Promise<OutOf<T[K]>>;
};

/** How a store runs one op: the only thing a store adds to the ops. */
export type Runner<Out> = (op: AnyOp, args: unknown[]) => Out;

/** Every op of `table` as a method of an object, each calling `run`. */
export function bindOps<T extends OpTable, Api>(table: T, run: Runner<unknown>): Api {
  const api: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, op] of Object.entries(table)) api[name] = (...args) => run(op, args);
  return api as Api;
}
