import { codeForStatus } from './errors.ts';
import type { Preferences } from './parse-prefer.ts';
import type { RequestNotes } from './respond.ts';
import type { CoreRequest, CoreResponse, Fallback } from './types.ts';

/** The fallback's answer (an operation the store does not implement, or a forced `Prefer`), as a core answer. */
export async function serveFromFallback(
  deps: { fallback: Fallback },
  request: CoreRequest,
  body: unknown,
  prefs: Preferences,
  notes: RequestNotes,
): Promise<CoreResponse> {
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(request.query.keys())) {
    const values = request.query.getAll(name);
    query[name] = values.length === 1 ? (values[0] as string) : values;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = value;
  const answer = await deps.fallback(
    { method: request.method, path: request.path, query, headers, body },
    {
      ...(prefs.code !== undefined ? { code: prefs.code } : {}),
      ...(prefs.example ? { example: prefs.example } : {}),
      dynamic: prefs.dynamic === true,
    },
  );
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (name.toLowerCase() !== 'content-length') out[name.toLowerCase()] = value;
  }
  // A fallback fills headers from their schema ("string"): a forced error gets its status's code.
  if (answer.status >= 400) {
    out['x-error-code'] = codeForStatus(answer.status);
    const message = (answer.body as { message?: unknown } | undefined)?.message;
    if (typeof message === 'string') notes.problem = message;
  }
  if (answer.body === undefined) return { status: answer.status, headers: out };
  out['content-type'] ??= 'application/json; charset=utf-8';
  return { status: answer.status, headers: out, body: JSON.stringify(answer.body) };
}
