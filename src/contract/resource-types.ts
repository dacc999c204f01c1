import type { ResourceModel } from '../spec/resources/resource-types.ts';
import type { SpecOperation } from '../spec/types.ts';
import type { RequestParts } from './phases/request-parts.ts';
import type { CheckFailure, Exchange } from './types.ts';

/**
 * The narrow port resources use: requests are judged by the response checks like any other, and whatever
 * goes wrong while building test data is charged to the `setup` label, never to the check that asked.
 */
export interface ResourcePort {
  send(op: SpecOperation, parts: RequestParts): Promise<Exchange | undefined>;
  reportSetup(op: SpecOperation, failures: readonly CheckFailure[]): void;
}

/** Path parameters for a read, and whether the server itself listed every id in them. */
export interface ReadParams {
  values: Record<string, string>;
  /**
   * True when every path parameter names an item from the server's own list (or there are none), so a
   * 404 is a failure; false when an id is a spec example or a placeholder the server may not know.
   */
  known: boolean;
}

/**
 * Where test data comes from, built once per run. Reads use keys of items that exist (the first page of the
 * matching list); writes only ever touch resources this run created, with keys like `contract-<seed>-<n>`
 * where the client chooses them, and every one of them is deleted by `cleanup`, whatever happened between.
 */
export interface Resources {
  /** The description's resources, as the mock infers them (src/spec/resources). */
  model: ResourceModel;
  readParams(op: SpecOperation): Promise<ReadParams>;
  /** Path parameters naming resources of this run; a fresh one each when `fresh` (for DELETE). */
  writeParams(op: SpecOperation, fresh: boolean): Promise<Record<string, string> | undefined>;
  /** A schema-valid body for a create operation, with a new recognisable key and real references. */
  buildCreateBody(op: SpecOperation, full: boolean): Promise<Record<string, unknown>>;
  /**
   * What the run controls in a create body: a new key (when the client chooses it) and references to items
   * that exist (`customerId`). Laid over any generated or fuzzed body; a new key each call.
   */
  createOverrides(op: SpecOperation): Promise<Record<string, unknown>>;
  /** Creates an item of `collection`; undefined (and a setup failure) when the server refuses. */
  create(collection: string): Promise<{ key: string; exchange: Exchange } | undefined>;
  nextId(): string;
  /** The property identifying an item of the collection (`id`, `name`, `widgetKey`...). */
  keyOf(collection: string): string;
  /**
   * Called for every exchange: a 2xx to a create operation is tracked for cleanup, with any item created
   * inside it (`account` in a customer body), which `sent` (the body as sent) names.
   */
  observe(op: SpecOperation, exchange: Exchange, sent?: unknown): void;
  forget(collection: string, key: string): void;
  /** Deletes everything still tracked; returns what could not be deleted. */
  cleanup(): Promise<string[]>;
}
