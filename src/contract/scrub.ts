/** The placeholder that replaces the token everywhere: also what a copied curl line expands. */
export const TOKEN_PLACEHOLDER = '$TOGAI_TOKEN';

/**
 * Shorter tokens are refused: scrubbing must replace every occurrence, and a short one occurs by chance
 * in ids and field names, so reports would be mangled beyond use.
 */
export const MIN_TOKEN_LENGTH = 8;

/** Replaces every occurrence of the token (a server may echo it back) with the placeholder. */
export function scrubSecret(text: string, token: string | undefined): string {
  if (!token) return text;
  return text.split(token).join(TOKEN_PLACEHOLDER);
}

/** A copy of plain JSON-like data with the token scrubbed from every string, keys included. */
export function scrubDeep<T>(value: T, token: string | undefined): T {
  if (!token) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubSecret(v, token);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [scrubSecret(k, token), walk(x)]));
    return v;
  };
  return walk(value) as T;
}
