import { fail, ok, type Result } from '../../shared/result.ts';
import { jsonEntryOf } from '../../spec/json-media.ts';
import type { ListShape } from '../../spec/resources/resource-types.ts';
import { sampleSchema } from '../../spec/sample-schema.ts';
import type { JsonSchema, SpecOperation } from '../../spec/types.ts';
import { decodeCursor, encodeCursor } from '../../store/cursor.ts';
import type { PageQuery } from '../../store/types.ts';
import { type ApiError, apiError } from '../errors.ts';
import { fitItem } from './fit-item.ts';

type Judge = (schema: JsonSchema, value: unknown) => boolean;

/** The first 2xx status an operation documents, and its JSON schema (if it answers with one). */
const successes = new WeakMap<SpecOperation, { status: number; schema?: JsonSchema }>();

export function successOf(operation: SpecOperation): { status: number; schema?: JsonSchema } {
  let known = successes.get(operation);
  if (known === undefined) {
    known = findSuccess(operation);
    successes.set(operation, known);
  }
  return known;
}

function findSuccess(operation: SpecOperation): { status: number; schema?: JsonSchema } {
  const status =
    Object.keys(operation.responses)
      .filter((code) => /^2\d\d$/.test(code))
      .sort()[0] ?? '200';
  const schema = jsonEntryOf(operation.responses[status]?.content)?.[1]?.schema;
  return { status: Number(status), ...(schema ? { schema } : {}) };
}

const samples = new WeakMap<JsonSchema, unknown>();
/** How a list schema says "no next page" (absent, null or empty), found once per schema. */
const lastPages = new WeakMap<JsonSchema, { value: unknown }>();

/** A fresh copy of the schema's minimal sample (made once per schema). */
function sampleOf(schema: JsonSchema): unknown {
  let sample = samples.get(schema);
  if (sample === undefined) {
    sample = sampleSchema(schema);
    samples.set(schema, sample);
  }
  return structuredClone(sample);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Sets `value` at a dotted path of `target` (`undefined`: removes it), making objects on the way. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = target;
  for (const part of parts.slice(0, -1)) {
    let next = at[part];
    if (!isRecord(next)) {
      next = {};
      at[part] = next;
    }
    at = next as Record<string, unknown>;
  }
  const last = parts.at(-1) ?? path;
  if (value === undefined) delete at[last];
  else at[last] = value;
}

/**
 * An item as an operation answers it: the item itself (fitted to the schema) when the schema
 * takes it, inside the envelope the resource keeps single items in (`data`), in the list an answer
 * of what was made holds (`{items: [{id}]}`), or else the schema's own sample with the item's
 * fields where they fit. With no JSON schema documented, the item as it is.
 */
export function itemAnswer(
  operation: SpecOperation,
  stored: {
    readonly keyProperty?: string | undefined;
    readonly resource: { readonly itemIn?: string | undefined };
  },
  item: unknown,
  judge: Judge,
): unknown {
  const { schema } = successOf(operation);
  if (schema === undefined) return item;
  const itemIn = stored.resource.itemIn;
  if (itemIn !== undefined) {
    const sample = sampleOf(schema);
    if (isRecord(sample)) {
      setPath(sample, itemIn, item);
      return sample;
    }
  }
  const key = stored.keyProperty;
  const properties = isRecord(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
  // A permissive envelope would take the bare item too; an item whose key it has no room for goes in its list.
  const bare = key === undefined || key in properties || schema.additionalProperties === false;
  const fitted = fitItem(schema, item, judge);
  if (bare && judge(schema, fitted)) return fitted;
  const sample = sampleOf(schema) as Record<string, unknown>;
  if (isRecord(sample))
    for (const [name, property] of Object.entries(properties)) {
      const each = isRecord(property.items) ? (property.items as JsonSchema) : undefined;
      if (property.type !== 'array' || each === undefined) continue;
      const listed = { ...sample, [name]: [fitItem(each, item, judge)] };
      if (judge(schema, listed)) return listed;
    }
  if (judge(schema, fitted)) return fitted;
  return fillFrom(schema, sample, item, judge);
}

/** `answer` with the top-level fields it shares with `item` taken from the item, where still valid. */
export function fillFrom(
  schema: JsonSchema | undefined,
  answer: unknown,
  item: unknown,
  judge: Judge,
): unknown {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return answer;
  if (item === null || typeof item !== 'object') return answer;
  const out = { ...(answer as Record<string, unknown>) };
  for (const [name, value] of Object.entries(item as Record<string, unknown>)) {
    if (!(name in out) || typeof out[name] !== typeof value) continue;
    const before = out[name];
    out[name] = value;
    if (schema !== undefined && !judge(schema, out)) out[name] = before;
  }
  return out;
}

/** What a list request asks: a store page query, and how to say where the next page starts. */
export interface ListRequest {
  readonly query: PageQuery;
  /** The next page's token (or offset, or number) after a page ending at `lastKey`. */
  next(lastKey: string): unknown;
  /** Items to skip before the page (offset and page-number styles walk from the start). */
  readonly skip: number;
}

const sizeOf = (schema: JsonSchema | undefined, requested: unknown): number => {
  const fallback = typeof schema?.default === 'number' ? schema.default : 20;
  const max = typeof schema?.maximum === 'number' ? schema.maximum : 100;
  const min = typeof schema?.minimum === 'number' ? Math.max(1, schema.minimum) : 1;
  const size = typeof requested === 'number' && Number.isFinite(requested) ? Math.floor(requested) : fallback;
  return Math.min(Math.max(size, min), Math.max(max, min), 1000);
};

/** Reads a list request in the description's own paging style (tokens are ours, signed). */
export function readListRequest(
  operation: SpecOperation,
  shape: ListShape | undefined,
  query: Record<string, unknown>,
  list: string,
  secret: string,
): Result<ListRequest, ApiError> {
  const sizeParam = shape?.pageSize;
  const schema = operation.parameters.find((p) => p.name === sizeParam && p.in === 'query')?.schema;
  const limit = sizeOf(schema, sizeParam === undefined ? undefined : query[sizeParam]);
  const page = shape?.page;
  const value = page === undefined ? undefined : query[page.param];
  const pageSchema =
    page && operation.parameters.find((p) => p.name === page.param && p.in === 'query')?.schema;
  // An `offset` the description types as a string is an opaque token (Asana's), not a count.
  if (
    page === undefined ||
    page.style === 'token' ||
    page.style === 'cursor' ||
    pageSchema?.type === 'string'
  ) {
    const encode = (lastKey: string) =>
      encodeCursor({ list, lastItemId: lastKey, pageSize: limit, sortOrder: 'ASC' }, secret);
    if (typeof value !== 'string' || value === '')
      return ok({ query: { order: 'ASC', limit }, next: encode, skip: 0 });
    const decoded = decodeCursor(value, list, secret, { minimum: 1, maximum: 1000 });
    if (!decoded.ok)
      return fail(
        apiError('INVALID_TOKEN', decoded.error.message.replace(/^nextToken/, page?.param ?? 'page')),
      );
    return ok({ query: { order: 'ASC', limit, after: decoded.value.lastItemId }, next: encode, skip: 0 });
  }
  const first =
    typeof pageSchema?.minimum === 'number' ? pageSchema.minimum : page.style === 'number' ? 1 : 0;
  const at = typeof value === 'number' && Number.isFinite(value) ? Math.max(first, Math.floor(value)) : first;
  const skip = page.style === 'offset' ? at - first : (at - first) * limit;
  if (skip > 10_000)
    return fail(apiError('INVALID_REQUEST', `${page.param}: at most 10000 items can be skipped`));
  return ok({
    query: { order: 'ASC', limit: skip + limit },
    next: () => (page.style === 'offset' ? at + limit : at + 1),
    skip,
  });
}

/** A list answer in the resource's envelope: the items, and where the next page starts if one does. */
export function listAnswer(
  operation: SpecOperation,
  shape: ListShape | undefined,
  items: unknown[],
  next: unknown,
  judge: Judge,
): unknown {
  const { schema } = successOf(operation);
  if (schema === undefined) return items;
  if (shape?.envelope === 'array') {
    const each = isRecord(schema.items) ? (schema.items as JsonSchema) : undefined;
    return items.map((item) => fitItem(each, item, judge));
  }
  const out = sampleOf(schema) as Record<string, unknown>;
  if (out === null || typeof out !== 'object' || Array.isArray(out)) return items;
  const path = shape?.items ?? 'data';
  const itemSchema = itemsSchemaAt(schema, path);
  setPath(
    out,
    path,
    items.map((item) => fitItem(itemSchema, item, judge)),
  );
  if (shape?.next !== undefined) {
    if (next !== undefined) setPath(out, shape.next, next);
    else {
      // No next page: never the sample's made-up token, which a client would follow forever.
      const path = shape.next;
      let end = lastPages.get(schema);
      if (end === undefined) {
        end = {
          value: [undefined, null, ''].find((value) => {
            setPath(out, path, value);
            return judge(schema, out);
          }),
        };
        lastPages.set(schema, end);
      }
      setPath(out, path, end.value);
    }
  }
  return out;
}

/** The schema of one element of the array at a dotted path of an object schema. */
function itemsSchemaAt(schema: JsonSchema, path: string): JsonSchema | undefined {
  let at: unknown = schema;
  for (const part of path.split('.'))
    at = isRecord(at) && isRecord(at.properties) ? at.properties[part] : undefined;
  const items = isRecord(at) ? at.items : undefined;
  return isRecord(items) ? (items as JsonSchema) : undefined;
}
