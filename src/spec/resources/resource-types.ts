import type { HttpMethod, JsonSchema } from '../types.ts';

/** What an operation does to its resource. */
export type Role = 'list' | 'create' | 'read' | 'update' | 'replace' | 'delete' | 'action';

/**
 * How the key of an item was found: the path parameter's `name` equals a property (or its last word,
 * camel or snake case), both point (`$ref`) at one named schema, both share a `format` (uuid...), the
 * property is `id`, it is the first required plain string, or the overlay or an extension said so.
 */
export type KeyRule = 'name' | 'ref' | 'format' | 'id' | 'required' | 'overlay' | 'extension';

export interface ItemKey {
  /** The path parameter naming an item (`petId` in `/pets/{petId}`). */
  param: string;
  /** The item's property holding the same value (`id`). */
  property: string;
  by: KeyRule;
}

/** Where a list answer keeps its items, and how a client asks for the next page. */
export interface ListShape {
  /** `array`: the answer is the list; `object`: it has the items under `items` (a property path). */
  envelope: 'array' | 'object';
  /** Dotted path of the items' array in an object envelope (`data`, `items`, `result.rows`). */
  items?: string;
  /** Dotted path of the next page's token or cursor (`nextToken`, `meta.cursors.next`). */
  next?: string;
  /** The page-size query parameter (`pageSize`, `limit`, `per_page`). */
  pageSize?: string;
  /** The query parameter that asks for the next page, and what it carries. */
  page?: { param: string; style: 'token' | 'cursor' | 'offset' | 'number' };
}

/** One operation of a resource. */
export interface ResourceOperation {
  operationId: string;
  method: HttpMethod;
  path: string;
  role: Role;
}

export interface Resource {
  /** Dotted path of collection names from the root: `pets`, `accounts.aliases`. */
  name: string;
  /** The path of the list and the create (`/pets`, `/accounts/{account_id}/aliases`). */
  collectionPath: string;
  /** The path of one item (`/pets/{petId}`); absent when no operation works on a single item. */
  itemPath?: string;
  /** The resource one level up, for a nested collection, and the parameter naming its item. */
  parent?: { name: string; param: string };
  key?: ItemKey;
  /** Where a single-item answer keeps the item (`data` in `{status, data: {...}}`); absent: the answer is it. */
  itemIn?: string;
  list?: ListShape;
  operations: ResourceOperation[];
  /** Whether a store can hold the resource (create, then read back by key), and why or why not. */
  stateful: boolean;
  why: string;
  /** The item's schema (from the read, else the create's answer), for stores and generators. */
  itemSchema?: JsonSchema;
}

/** Every operation's place in the model: its resource and role, or none and why. */
export interface OperationPlace {
  operationId: string;
  method: HttpMethod;
  path: string;
  resource?: string;
  role?: Role;
  /** True when a store (given one) answers it from state; false: answered from the description's examples. */
  stateful: boolean;
  why: string;
}

export interface ResourceModel {
  resources: Resource[];
  operations: OperationPlace[];
  /** Overlay entries or extensions that matched nothing, to report (never silently dropped). */
  unused: string[];
}
