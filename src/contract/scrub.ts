/** The placeholder that replaces the token everywhere: also what a copied curl line expands. */
export const TOKEN_PLACEHOLDER = '$TOGAI_TOKEN';

/** Replaces every occurrence of the token (a server may echo it back) with the placeholder. */
export function scrubSecret(text: string, token: string | undefined): string {
  if (!token) return text;
  return text.split(token).join(TOKEN_PLACEHOLDER);
}
