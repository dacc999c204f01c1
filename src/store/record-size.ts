/**
 * What a stored record costs in the byte budget: the UTF-8 length of its JSON. Records are frozen
 * and rebuilt on every write, so each is measured once (on the write that made it) and the size
 * is remembered beside it; a read never measures.
 */
const sizes = new WeakMap<object, number>();

export function sizeOf(record: object): number {
  let size = sizes.get(record);
  if (size === undefined) {
    size = utf8Length(JSON.stringify(record));
    sizes.set(record, size);
  }
  return size;
}

/**
 * UTF-8 bytes of `text` without encoding it. A lone surrogate counts 3 bytes, as U+FFFD would
 * (JSON.stringify escapes it anyway).
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) bytes += 1;
    else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a pair: 2 units, 4 bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** What a deletion marker costs: an id (at most 50 characters in the schemas) and a tree entry. */
export const MARKER_BYTES = 64;
