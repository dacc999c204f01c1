import type { JsonSchema, SpecOperation } from '../types.ts';
import { wordsOf } from './infer-key.ts';
import type { ListShape } from './resource-types.ts';

const isObj = (value: unknown): value is JsonSchema =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The first 2xx JSON schema an operation answers with (`application/json` or any `+json`). */
export function successSchemaOf(op: SpecOperation): JsonSchema | undefined {
  for (const status of Object.keys(op.responses).sort()) {
    if (!/^2/.test(status)) continue;
    const content = op.responses[status]?.content ?? {};
    const type = Object.keys(content).find((t) => /json/i.test(t));
    const schema = type ? content[type]?.schema : undefined;
    if (schema) return schema;
  }
  return undefined;
}

const typeOf = (schema: JsonSchema): string | undefined => {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (typeof type === 'string') return type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
};

// Names lists keep their items under, best first; a property named after the collection comes next.
const ITEM_NAMES = [
  'data',
  'items',
  'results',
  'records',
  'entries',
  'values',
  'content',
  'elements',
  'list',
];

/** Dotted paths of the array properties of an envelope, two levels deep at most (`result.rows`). */
function arraysOf(schema: JsonSchema, prefix = '', depth = 0): string[] {
  const out: string[] = [];
  for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    if (!isObj(sub)) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    const type = typeOf(sub);
    if (type === 'array') out.push(path);
    else if (type === 'object' && depth < 1) out.push(...arraysOf(sub, path, depth + 1));
  }
  return out;
}

/** Dotted paths of the scalar leaves of an envelope, three levels deep at most (`meta.cursors.next`). */
function leavesOf(schema: JsonSchema, prefix = '', depth = 0): string[] {
  const out: string[] = [];
  for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    if (!isObj(sub)) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    const type = typeOf(sub);
    if (type === 'object') {
      if (depth < 2) out.push(...leavesOf(sub, path, depth + 1));
    } else if (type !== 'array') out.push(path);
  }
  return out;
}

/** How likely a leaf is the next page's token: `nextToken` 3, `meta.cursors.next` 2, `next_page_url` 1. */
function nextScore(path: string): number {
  const words = path.split('.').flatMap(wordsOf);
  const leaf = wordsOf(path.split('.').at(-1) ?? '');
  if (!words.includes('next') && !words.includes('continuation')) return 0;
  if (leaf.some((w) => w === 'token' || w === 'cursor')) return 3;
  if (leaf.some((w) => w === 'next' || w === 'offset' || w === 'after' || w === 'page')) return 2;
  if (leaf.some((w) => w === 'url' || w === 'uri' || w === 'link' || w === 'href')) return 1;
  return 0;
}

const SIZE = /^(page_?size|per_?page|limit|max_?results|max_?items|size|count|top|first|take)$/i;
const PAGE_STYLES: [RegExp, NonNullable<ListShape['page']>['style']][] = [
  [/^(next_?token|page_?token|next_?page_?token|continuation(_?token)?|starting_?after|after)$/i, 'token'],
  [/cursor/i, 'cursor'],
  [/^(offset|skip|start|start_?index)$/i, 'offset'],
  [/^(page|page_?number|page_?no|page_?index)$/i, 'number'],
];

/**
 * The shape of a list answer: a bare array, or an object whose items sit under `data`, `items`,
 * `results` (or a property named after the collection: Airflow's `dags`, Twilio's `credentials`),
 * with the next page's token found by name (`nextToken`, `nextPageToken`, `meta.cursors.next`,
 * `links.next`), and the page-size and page parameters of the query.
 * Undefined when the answer is neither.
 */
export function inferList(op: SpecOperation, collection: string): ListShape | undefined {
  const schema = successSchemaOf(op);
  if (!schema) return undefined;
  const shape: ListShape | undefined =
    typeOf(schema) === 'array' ? { envelope: 'array' } : objectEnvelope(schema, collection);
  if (!shape) return undefined;
  const query = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const size = query.find((name) => SIZE.test(name));
  if (size) shape.pageSize = size;
  for (const [pattern, style] of PAGE_STYLES) {
    const param = query.find((name) => pattern.test(name));
    if (param) {
      shape.page = { param, style };
      break;
    }
  }
  return shape;
}

function objectEnvelope(schema: JsonSchema, collection: string): ListShape | undefined {
  if (typeOf(schema) !== 'object') return undefined;
  const arrays = arraysOf(schema);
  const own = wordsOf(collection).join('');
  const items =
    ITEM_NAMES.map((name) => arrays.find((a) => a === name)).find(Boolean) ??
    arrays.find((a) => wordsOf(a.split('.').at(-1) ?? '').join('') === own) ??
    (arrays.length === 1 ? arrays[0] : undefined) ??
    ITEM_NAMES.map((name) => arrays.find((a) => a.endsWith(`.${name}`))).find(Boolean);
  if (!items) return undefined;
  const shape: ListShape = { envelope: 'object', items };
  const next = leavesOf(schema)
    .map((path) => ({ path, score: nextScore(path) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score)[0];
  if (next) shape.next = next.path;
  return shape;
}

/** The value at a dotted path of a JSON value (`meta.cursors.next`). */
export function readPath(value: unknown, path: string): unknown {
  let node = value;
  for (const name of path.split('.')) {
    if (!isObj(node)) return undefined;
    node = node[name];
  }
  return node;
}

/** The items of a list answer of this shape, or undefined when it has none where the shape says. */
export function itemsOf(json: unknown, shape: ListShape | undefined): unknown[] | undefined {
  const items = shape?.envelope === 'array' ? json : readPath(json, shape?.items ?? 'data');
  return Array.isArray(items) ? items : undefined;
}
