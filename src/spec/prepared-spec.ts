import { dereferenceLocal } from './dereference-local.ts';
import { parseGraph, stringifyGraph } from './graph-json.ts';
import type { LoadedSpec, PreparedValidators } from './types.ts';

/**
 * A built `LoadedSpec` as text and back, for what is prepared before the process needs it (the
 * bundled spec at build time, a `--spec` file in the disk cache): reading it is a `JSON.parse` and a
 * relink, where building it again parses YAML, dereferences and normalizes every schema.
 * `dereferenced` is left out and made again on first read (nothing on a request's path reads it).
 */
export function writePreparedSpec(spec: LoadedSpec): string {
  const { document, operations, schemas, title, version } = spec;
  return stringifyGraph({ document, operations, schemas, title, version });
}

export function readPreparedSpec(text: string, validators?: PreparedValidators): LoadedSpec {
  const data = parseGraph(text) as Omit<LoadedSpec, 'dereferenced' | 'validators'>;
  let dereferenced: Record<string, unknown> | undefined;
  const spec = {
    ...data,
    ...(validators ? { validators } : {}),
  } as LoadedSpec;
  Object.defineProperty(spec, 'dereferenced', {
    enumerable: true,
    get: () => {
      dereferenced ??= dereferenceLocal(data.document);
      return dereferenced;
    },
  });
  return spec;
}
