// Store records are deep-frozen and replaced (never mutated) on write, so a frozen object's JSON
// bytes never change: they are cached by identity, and die with the record (a WeakMap).
const cache = new WeakMap<object, Buffer>();
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

function bytesOf(value: unknown): Buffer {
  if (value !== null && typeof value === 'object' && Object.isFrozen(value)) {
    let bytes = cache.get(value);
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify(value));
      cache.set(value, bytes);
    }
    return bytes;
  }
  return Buffer.from(JSON.stringify(value) ?? 'null');
}

/**
 * Exactly the bytes of `JSON.stringify(body)`, reusing the cached bytes of frozen records: a page
 * is its envelope plus its items' bytes. Serialization was the largest cost per request.
 */
export function serializeReply(body: unknown): Buffer {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || Object.isFrozen(body)) {
    return bytesOf(body);
  }
  const parts: Buffer[] = [];
  let head = '{';
  let first = true;
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    head += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (Array.isArray(value) && value.length > 0) {
      parts.push(Buffer.from(`${head}[`));
      head = '';
      value.forEach((item, i) => {
        if (i > 0) parts.push(COMMA);
        parts.push(item === undefined || typeof item === 'function' ? Buffer.from('null') : bytesOf(item));
      });
      parts.push(CLOSE);
    } else {
      head += JSON.stringify(value);
    }
  }
  parts.push(Buffer.from(`${head}}`));
  return Buffer.concat(parts);
}
