import { TOKEN_PLACEHOLDER } from './scrub.ts';
import type { RecordedRequest } from './types.ts';

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * A copy-pasteable curl line. The Authorization header is double-quoted when it holds the placeholder so
 * the shell expands `$TOGAI_TOKEN` from the environment instead of sending the literal text.
 */
export function formatCurl(request: RecordedRequest): string {
  const parts = ['curl', '-sS', '-i', '-X', request.method, quote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) {
    const header = `${name}: ${value}`;
    parts.push(
      '-H',
      value.includes(TOKEN_PLACEHOLDER) ? `"${header.replace(/(["\\`])/g, '\\$1')}"` : quote(header),
    );
  }
  if (request.body !== undefined) parts.push('--data-raw', quote(request.body));
  return parts.join(' ');
}
