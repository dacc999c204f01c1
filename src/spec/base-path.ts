type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The path of the description's first server URL, where generated clients send their requests
 * (`/v1` for `https://api.example.com/v1`, `/api/v1` for a relative `/api/v1`), with server
 * variables at their defaults; `''` when it has none. The mock answers under it as well as at the
 * paths as written.
 */
export function basePathOf(document: Obj): string {
  const first = Array.isArray(document.servers) ? document.servers[0] : undefined;
  if (!isObj(first) || typeof first.url !== 'string') return '';
  const variables = isObj(first.variables) ? first.variables : {};
  const url = first.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = variables[name];
    return isObj(variable) && variable.default !== undefined ? String(variable.default) : '';
  });
  // Absolute (`https://host/v1`), protocol-relative (`//host/v1`) or relative (`/v1`, `v1`).
  const path = /^([a-z][a-z0-9+.-]*:)?\/\/[^/]*(.*)$/i.exec(url)?.[2] ?? url;
  const clean = path.split(/[?#]/)[0] ?? '';
  const trimmed = clean.replace(/\/+$/, '');
  if (trimmed === '' || trimmed === '.') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
