import { loadOverlayFile } from '../adapters/node/load-overlay-file.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { formatResources, summarizeModel } from '../spec/resources/format-resources.ts';
import { inferResources } from '../spec/resources/infer-resources.ts';

export interface SpecResourcesFlags {
  json?: boolean;
  resources?: string;
}

/** `togai-mock spec resources FILE`: the resources the mock infers, as a table or JSON; exit 2 on a bad file. */
export async function runSpecResources(file: string, flags: SpecResourcesFlags): Promise<number> {
  const spec = await loadSpec(file);
  const overlay = spec.ok ? await loadOverlayFile(file, flags.resources) : spec;
  if (!spec.ok || !overlay.ok) {
    process.stderr.write(
      `togai-mock spec resources: ${spec.ok ? (overlay as { error: string }).error : spec.error}\n`,
    );
    return 2;
  }
  const model = inferResources(spec.value, overlay.value);
  if (flags.json) {
    const resources = model.resources.map(({ itemSchema: _schema, ...rest }) => rest);
    const out = { summary: summarizeModel(model), ...model, resources };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else process.stdout.write(formatResources(model));
  return 0;
}
