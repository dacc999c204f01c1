import type { JsonSchema, SpecParameter } from '../types.ts';
import type { ItemKey } from './resource-types.ts';

type Properties = Record<string, JsonSchema>;

/** `account_id`, `accountId`, `Account-ID` → `account`, `id`: the words of a name, in lower case. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const squash = (name: string) => wordsOf(name).join('');

/** Where the key's candidates come from: what `$ref` the parameter's and properties' schemas were. */
export interface KeyRefs {
  param?: string;
  properties: Record<string, string>;
}

/**
 * The property of an item that the path parameter names, by the first rule that finds one:
 * - `name`: the parameter is the property in another case (`pet_id` ↔ `petId`, `Sid` ↔ `sid`), or
 *   its last word is (`event_schema_name` → `name`, `account_id` → `id`);
 * - `ref`: both schemas are one named schema (`$ref: '#/components/schemas/PetId'`);
 * - `format`: one property shares the parameter's `format` (`uuid`);
 * - `id`: the parameter's name has the word `id` and the item has an `id`;
 * - `required`: the only required plain string (Togai's `{alias}` over `{value, createdAt}`).
 * An overlay or `x-togai-mock-key` corrects any of them.
 */
export function inferKey(
  param: SpecParameter,
  item: JsonSchema | undefined,
  refs: KeyRefs,
): ItemKey | undefined {
  const properties = (item?.properties ?? {}) as Properties;
  const names = Object.keys(properties);
  if (names.length === 0) return undefined;
  const found = (property: string | undefined, by: ItemKey['by']): ItemKey | undefined =>
    property === undefined ? undefined : { param: param.name, property, by };
  const whole = names.find((n) => squash(n) === squash(param.name));
  const last = wordsOf(param.name).at(-1);
  const byLastWord = last === undefined ? undefined : names.find((n) => squash(n) === last);
  const byName = found(whole ?? byLastWord, 'name');
  if (byName) return byName;
  const byRef = refs.param ? names.find((n) => refs.properties[n] === refs.param) : undefined;
  if (byRef) return found(byRef, 'ref');
  const format = param.schema.format;
  if (typeof format === 'string') {
    const same = names.filter((n) => properties[n]?.format === format);
    if (same.length === 1) return found(same[0], 'format');
  }
  // Only a parameter that says it is an id (`setting_id_str`): `{org}` over `{id, name}` names the name.
  const saysId = wordsOf(param.name).some((w) => w === 'id' || w === 'uuid');
  const byId = saysId
    ? found(
        names.find((n) => n === 'id'),
        'id',
      )
    : undefined;
  if (byId) return byId;
  const required = Array.isArray(item?.required) ? (item.required as string[]) : [];
  const plain = required.filter(
    (n) => properties[n]?.type === 'string' && properties[n]?.format === undefined,
  );
  return plain.length === 1 ? found(plain[0], 'required') : undefined;
}

// Where single-item answers wrap the item (Apideck's `{status, data: {...}}`), best first.
const WRAPPERS = ['data', 'item', 'result', 'resource', 'record'];

/**
 * The key, looking inside an envelope when the answer itself has none (Apideck answers
 * `{status_code, status, data: {id, ...}}`): the key and where the item sits (`data`).
 */
export function inferWrappedKey(
  param: SpecParameter,
  answer: JsonSchema | undefined,
  refs: KeyRefs,
): { key: ItemKey; itemIn?: string; item: JsonSchema } | undefined {
  const direct = inferKey(param, answer, refs);
  if (direct && direct.by !== 'required') return answer && { key: direct, item: answer };
  const properties = (answer?.properties ?? {}) as Properties;
  for (const name of WRAPPERS) {
    const inner = properties[name];
    if (!inner?.properties) continue;
    const key = inferKey(param, inner, { properties: {} });
    if (key) return { key, itemIn: name, item: inner };
  }
  return direct && answer && { key: direct, item: answer };
}
