import { buildPreparedSpec } from './build-prepared-spec.ts';
import { BUNDLED_DOCUMENT_JSON } from './bundled-document.generated.ts';
import type { LoadedSpec } from './types.ts';

let built: LoadedSpec | undefined;

/**
 * The spec shipped with the package, prepared at build time (no `fs`, no YAML): built once per
 * process or page and shared, as nothing downstream changes a `LoadedSpec`.
 */
export function bundledSpec(): LoadedSpec {
  if (built) return built;
  const result = buildPreparedSpec(JSON.parse(BUNDLED_DOCUMENT_JSON), 'the bundled spec');
  // The generated module is checked by its own test: failing here is a broken build, not input.
  if (!result.ok) throw new Error(result.error);
  built = result.value;
  return built;
}
