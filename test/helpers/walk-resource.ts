import fc from 'fast-check';
import { arbitraryFor } from '../../src/contract/schema/schema-arbitrary.ts';
import type { CoreRequest, Mock } from '../../src/core/index.ts';
import type { StoredResource } from '../../src/core/items/item-plan.ts';
import { jsonMediaOf } from '../../src/spec/json-media.ts';
import { createdKeysOf, keyOfItem, keysOfList, nextPageOf } from '../../src/spec/resources/model-lookup.ts';
import type { JsonSchema, SpecOperation } from '../../src/spec/types.ts';
import { collectAnswer, readAnswer } from './core-request.ts';
import { requestFor } from './real-world-requests.ts';

/** How far a create → read → list → update → delete walk of one collection got. */
export interface Walk {
  resource: string;
  /** `passed`, or the step that failed and what it answered. */
  outcome: string;
}

const one = (arbitrary: fc.Arbitrary<unknown>): unknown => fc.sample(arbitrary, { seed: 11, numRuns: 1 })[0];

/** A request to `op` with the path's parameters set to `values` (the rest as `requestFor` makes them). */
function requestAt(
  op: SpecOperation,
  base: string,
  values: Record<string, string>,
  body?: unknown,
): CoreRequest {
  const request = requestFor(op, base);
  let path = `${base}${op.path}`;
  const made = request.path;
  // Take the generated path's segments, then replace the parameters the walk knows.
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const templateParts = path.split('/');
  const madeParts = made.split('/');
  path = templateParts
    .map((part, i) => {
      const name = part.match(/^\{([^}]+)\}$/)?.[1];
      if (name === undefined) return part;
      return name in values ? encodeURIComponent(values[name] as string) : (madeParts[i] ?? part);
    })
    .join('/');
  void names;
  const out: CoreRequest = { ...request, path };
  if (body !== undefined) out.body = new TextEncoder().encode(JSON.stringify(body));
  return out;
}

type Answer = { status: number; text: string; body?: unknown };

/** A key value like `sent`, different on each attempt, that the path parameter accepts. */
function freshKey(sent: unknown, param: JsonSchema | undefined, attempt: number): unknown {
  if (typeof sent === 'number') {
    const max = typeof param?.maximum === 'number' ? param.maximum : 1_000_000;
    const min = typeof param?.minimum === 'number' ? param.minimum : 1;
    return Math.max(min, max - attempt);
  }
  if (typeof sent !== 'string') return sent;
  if (param?.format === 'uuid' || /^[0-9a-f]{8}-/.test(sent))
    return `${sent.slice(0, 34)}${(10 + attempt).toString(16)}`.slice(0, 36);
  return /^[A-Za-z0-9_.-]+$/.test(sent) && attempt === 0
    ? sent
    : `walk${attempt}${sent.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 12);
}

const bodyFor = (op: SpecOperation): unknown => {
  const media = jsonMediaOf(op.requestBody?.content);
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const schema = media.schema ?? {};
  // A batch create (an array body): one element, so that the walk has an item to follow.
  const each =
    schema.type === 'array' && schema.items !== null && typeof schema.items === 'object'
      ? schema.items
      : undefined;
  return each ? [one(arbitraryFor(each as JsonSchema))] : one(arbitraryFor(schema));
};

/** Walks one collection a mock serves through its own operations, from a fresh tenant. */
export async function walkResource(
  mock: Mock,
  stored: StoredResource,
  base: string,
  parentValues: Record<string, string>,
): Promise<Walk> {
  const op = (role: string) => stored.operations.get(role as never)?.[0];
  const send = async (request: CoreRequest) => readAnswer(await collectAnswer(await mock.handle(request)));
  const fail = (step: string, answer: { status: number; text: string }) => ({
    resource: stored.collection,
    outcome: `${step}: ${answer.status} ${answer.text.slice(0, 160)}`,
  });
  const create = op('create');
  const read = op('read');
  if (!create || !read || !stored.keyParam) return { resource: stored.collection, outcome: 'not walkable' };
  const chosen = stored.keyProperty;
  const keyParam = read.parameters.find((p) => p.in === 'path' && p.name === stored.keyParam)?.schema;
  let created: Answer | undefined;
  let createBody: unknown;
  // A client-chosen key the walk can address again, fresh on each try (the example's may be seeded).
  for (let attempt = 0; attempt < 3; attempt++) {
    createBody = bodyFor(create);
    if (
      chosen &&
      createBody !== null &&
      typeof createBody === 'object' &&
      !Array.isArray(createBody) &&
      chosen in createBody
    )
      (createBody as Record<string, unknown>)[chosen] = freshKey(
        (createBody as Record<string, unknown>)[chosen],
        keyParam,
        attempt,
      );
    created = await send(requestAt(create, base, parentValues, createBody));
    if (created.status !== 409) break;
  }
  if (created === undefined || created.status < 200 || created.status > 299)
    return fail('create', created ?? { status: 0, text: '' });
  const answered = createdKeysOf(stored.resource, created.body)[0];
  const sentKey =
    chosen && createBody !== null && typeof createBody === 'object'
      ? (createBody as Record<string, unknown>)[chosen]
      : undefined;
  const key =
    answered ?? (typeof sentKey === 'string' || typeof sentKey === 'number' ? String(sentKey) : undefined);
  if (key === undefined)
    return { resource: stored.collection, outcome: 'not walkable: the create names no key' };
  const values = { ...parentValues, [stored.keyParam]: key };
  const got = await send(requestAt(read, base, values));
  if (got.status !== 200 || keyOfItem(stored.resource, got.body) !== key) return fail('read', got);
  const list = op('list');
  if (list) {
    let seen = false;
    let request = requestAt(list, base, parentValues);
    for (let page = 0; page < 200 && !seen; page++) {
      const answer = await send(request);
      if (answer.status < 200 || answer.status > 299) return fail('list', answer);
      const keys = keysOfList(stored.resource, answer.body);
      seen = keys.includes(key);
      const page = stored.resource.list?.page;
      const param = page?.param;
      // Offsets and page numbers are the client's to count on; tokens and cursors are the answer's.
      const at = Number(request.query.get(param ?? '') ?? (page?.style === 'number' ? 1 : 0));
      const next =
        page?.style === 'offset'
          ? keys.length > 0
            ? String(at + keys.length)
            : undefined
          : page?.style === 'number'
            ? keys.length > 0
              ? String(at + 1)
              : undefined
            : nextPageOf(stored.resource, answer.body);
      if (seen || next === undefined || param === undefined) break;
      const query = new URLSearchParams(request.query);
      query.set(param, next);
      request = { ...request, query };
    }
    if (!seen) return { resource: stored.collection, outcome: 'list: the created item is in no page' };
  }
  const update = op('update') ?? op('replace');
  if (update) {
    const answer = await send(requestAt(update, base, values, bodyFor(update) ?? {}));
    if (answer.status < 200 || answer.status > 299) return fail('update', answer);
  }
  const remove = op('delete');
  if (remove) {
    const answer = await send(requestAt(remove, base, values));
    if (answer.status < 200 || answer.status > 299) return fail('delete', answer);
    const gone = await send(requestAt(read, base, values));
    if (gone.status !== 404) return fail('read after delete', gone);
  }
  return { resource: stored.collection, outcome: 'passed' };
}
