import { TOKEN_PLACEHOLDER } from './scrub.ts';
import type { RecordedRequest } from './types.ts';

// `${TOGAI_TOKEN}`: braces keep the name apart when a word character follows it.
const BRACED = `$\{${TOKEN_PLACEHOLDER.slice(1)}}`;

const singleQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Text holding the placeholder is double-quoted so the shell expands `$TOGAI_TOKEN` from the environment
 * instead of sending the literal text; everything else in it stays literal.
 */
function quote(text: string): string {
  if (!text.includes(TOKEN_PLACEHOLDER)) return singleQuote(text);
  const parts = text.split(TOKEN_PLACEHOLDER).map((part) => part.replace(/(["\\`$])/g, '\\$1'));
  let out = parts[0] ?? '';
  for (const part of parts.slice(1)) out += (/^\w/.test(part) ? BRACED : TOKEN_PLACEHOLDER) + part;
  return `"${out}"`;
}

/** A copy-pasteable curl line; the token only ever appears as `$TOGAI_TOKEN`. */
export function formatCurl(request: RecordedRequest): string {
  const parts = ['curl', '-sS', '-i', '-X', request.method, quote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) parts.push('-H', quote(`${name}: ${value}`));
  if (request.body !== undefined) parts.push('--data-raw', quote(request.body));
  return parts.join(' ');
}
