import type { JsonObject } from './item-records.ts';

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * `patch` applied to `target` as a JSON Merge Patch (RFC 7396): objects merge, `null` removes a
 * field, anything else replaces. The `fixed` top-level fields (the item's key) never change. Keys
 * are data: built with `Object.fromEntries`, a `__proto__` field stays a field, never a prototype.
 */
export function mergePatch(target: JsonObject, patch: JsonObject, fixed: readonly string[] = []): JsonObject {
  const out = new Map(Object.entries(target));
  for (const [name, value] of Object.entries(patch)) {
    if (fixed.includes(name)) continue;
    const current = out.get(name);
    if (value === null) out.delete(name);
    else if (isObject(value) && isObject(current)) out.set(name, mergePatch(current, value));
    else out.set(name, value);
  }
  return Object.fromEntries(out);
}
