import { fullFormats } from 'ajv-formats/dist/formats.js';

/**
 * What the validators ajv generates at build time call at run time (scripts/build-prepared.ts
 * points their `require`s here): ES module imports any bundler and Node read alike, where ajv's
 * standalone output `require`s CommonJS modules even in its ESM mode (ajv issue 1976).
 */
export { fullFormats };

/**
 * A string's length in code points, as JSON Schema counts `minLength`/`maxLength`: ajv's
 * `runtime/ucs2length`, whose CommonJS default export bundlers unwrap differently.
 */
export function ucs2length(text: string): number {
  let length = 0;
  let pos = 0;
  while (pos < text.length) {
    length++;
    const code = text.charCodeAt(pos++);
    if (code >= 0xd800 && code <= 0xdbff && pos < text.length) {
      // A high surrogate followed by a low one is one code point.
      const next = text.charCodeAt(pos);
      if ((next & 0xfc00) === 0xdc00) pos++;
    }
  }
  return length;
}
