import { ContractSetupError } from './contract-setup-error.ts';
import type { HttpClient } from './http-client.ts';
import type { CheckId, PhaseId } from './types.ts';

/** `--base-url` as a URL string without a trailing slash; anything else is a usage error. */
export function validateBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ContractSetupError('usage', `--base-url: "${raw}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ContractSetupError(
      'usage',
      `--base-url: only http and https are supported, got ${url.protocol}`,
    );
  }
  return raw.replace(/\/+$/, '');
}

export function selectIds<T extends CheckId | PhaseId>(
  flag: string,
  wanted: readonly string[] | undefined,
  known: readonly T[],
): T[] {
  if (!wanted || wanted.length === 0) return [...known];
  const unknown = wanted.filter((id) => !(known as readonly string[]).includes(id));
  if (unknown.length)
    throw new ContractSetupError(
      'usage',
      `${flag}: unknown ${flag.slice(2, -1)} ${unknown.join(', ')} (known: ${known.join(', ')})`,
    );
  return known.filter((id) => wanted.includes(id));
}

/** One request before anything else, so an unreachable server is a setup error, not 300 failures. */
export async function ensureReachable(
  client: HttpClient,
  operations: readonly { method: string; path: string }[],
): Promise<void> {
  const probe = operations.find((op) => op.method === 'get' && !op.path.includes('{'));
  const result = await client.send({ method: 'get', path: probe?.path ?? '/', auth: 'token' });
  if (!result.ok && result.error !== 'interrupted') {
    throw new ContractSetupError('unreachable', `cannot reach ${result.request.url}: ${result.error}`);
  }
}
