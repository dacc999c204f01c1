// Store records are deep-frozen and replaced (never mutated) on write, so a frozen object's JSON
// text never changes: it is cached by identity, and dies with the record (a WeakMap).
const cache = new WeakMap<object, string>();

function textOf(value: unknown): string {
  if (value !== null && typeof value === 'object' && Object.isFrozen(value)) {
    let text = cache.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      cache.set(value, text);
    }
    return text;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Exactly the text of `JSON.stringify(body)`, reusing the cached text of frozen records: a page is
 * its envelope plus its items' text. Serialization was the largest cost per request. Strings, not
 * bytes: V8 joins them as ropes and the adapter encodes once (no `Buffer` in the core).
 */
export function serializeReply(body: unknown): string {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || Object.isFrozen(body)) {
    return textOf(body);
  }
  let out = '{';
  let first = true;
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (Array.isArray(value) && value.length > 0) {
      out += '[';
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (i > 0) out += ',';
        out += item === undefined || typeof item === 'function' ? 'null' : textOf(item);
      }
      out += ']';
    } else {
      out += JSON.stringify(value);
    }
  }
  return `${out}}`;
}
